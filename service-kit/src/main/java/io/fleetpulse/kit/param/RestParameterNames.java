package io.fleetpulse.kit.param;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;
import jakarta.validation.ParameterNameProvider;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Bean Validation names a resource method's parameter as the request does ({@code @RestQuery("test_type")} is
 * {@code test_type}, not {@code testType}), so a violation names the parameter the caller sent. Quarkus hands a bean
 * of this type to its validator factory.
 */
@Singleton
public class RestParameterNames implements ParameterNameProvider {

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return names(constructor);
    }

    @Override
    public List<String> getParameterNames(Method method) {
        return names(method);
    }

    private static List<String> names(Executable executable) {
        List<String> names = new ArrayList<>();
        for (Parameter parameter : executable.getParameters()) {
            names.add(requestName(parameter));
        }
        return names;
    }

    static String requestName(Parameter parameter) {
        String name = "";
        if (parameter.isAnnotationPresent(RestQuery.class)) {
            name = parameter.getAnnotation(RestQuery.class).value();
        } else if (parameter.isAnnotationPresent(RestPath.class)) {
            name = parameter.getAnnotation(RestPath.class).value();
        } else if (parameter.isAnnotationPresent(RestHeader.class)) {
            name = parameter.getAnnotation(RestHeader.class).value();
        } else if (parameter.isAnnotationPresent(QueryParam.class)) {
            name = parameter.getAnnotation(QueryParam.class).value();
        } else if (parameter.isAnnotationPresent(PathParam.class)) {
            name = parameter.getAnnotation(PathParam.class).value();
        } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
            name = parameter.getAnnotation(HeaderParam.class).value();
        }
        return name.isEmpty() ? parameter.getName() : name;
    }
}
