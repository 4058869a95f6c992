package io.fleetpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which JSON types a native executable could not (de)serialize: every class of the given packages that carries
 * Jackson annotations (on itself, its fields, methods or record components) must be registered for reflection,
 * by its own {@link RegisterForReflection}, by an enclosing class's (which covers nested classes unless
 * {@code ignoreNested = true}), or in the {@code targets} of one in the given packages. A unit test per service
 * calls {@link #unregistered} and expects none.
 */
public final class NativeReflection {

    private static final String JACKSON = "com.fasterxml.jackson.annotation.";

    /** Loaded by name by the AWS SDK's default credentials chain for web identity tokens (IRSA); needs the sts module. */
    static final String STS_WEB_IDENTITY_FACTORY = "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory";
    private static final String STS_NATIVE_CONFIG = "META-INF/native-image/software.amazon.awssdk/sts/reflect-config.json";

    private NativeReflection() {
    }

    /**
     * {@link #unregistered} for one service: its {@code rest}, {@code service} and {@code config} packages, with the
     * service kit's (problems, shared registrations) and shared-model's JSON types.
     */
    public static Set<String> unregisteredInService(String servicePackage) {
        return unregistered(servicePackage + ".rest", servicePackage + ".service", servicePackage + ".config",
                "io.fleetpulse.kit.json", "io.fleetpulse.kit.problem", "io.fleetpulse.model.entity", "io.fleetpulse.model.capacity",
                "io.fleetpulse.model.keys", "io.fleetpulse.model.validation");
    }

    /**
     * Names of the Jackson-annotated classes of the given packages (each without its sub-packages) that no
     * registration among those packages' classes covers.
     */
    public static Set<String> unregistered(String... packages) {
        List<Class<?>> all = Arrays.stream(packages).flatMap(name -> classes(name).stream()).toList();
        Set<Class<?>> targets = new HashSet<>();
        for (Class<?> type : all) {
            RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
            if (registration != null) {
                targets.addAll(Arrays.asList(registration.targets()));
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : all) {
            if (usesJackson(type) && !targets.contains(type) && !registeredItself(type)) {
                missing.add(type.getName());
            }
        }
        return missing;
    }

    /**
     * True when IRSA credentials can load: the web identity provider factory is on the class path, and the sts jar's
     * native-image configuration registers it for reflection (the SDK instantiates it by name).
     */
    public static boolean stsWebIdentityReady() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (var config = loader.getResourceAsStream(STS_NATIVE_CONFIG)) {
            Class.forName(STS_WEB_IDENTITY_FACTORY, false, loader);
            return config != null && new String(config.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(STS_WEB_IDENTITY_FACTORY);
        } catch (ClassNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean registeredItself(Class<?> type) {
        RegisterForReflection own = type.getAnnotation(RegisterForReflection.class);
        if (own != null && own.targets().length == 0 && own.classNames().length == 0) {
            return true;
        }
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            RegisterForReflection enclosing = outer.getAnnotation(RegisterForReflection.class);
            if (enclosing != null && !enclosing.ignoreNested()) {
                return true;
            }
        }
        return false;
    }

    static boolean usesJackson(Class<?> type) {
        List<AnnotatedElement> elements = new ArrayList<>();
        elements.add(type);
        elements.addAll(Arrays.asList(type.getDeclaredFields()));
        elements.addAll(Arrays.asList(type.getDeclaredMethods()));
        elements.addAll(Arrays.asList(type.getDeclaredConstructors()));
        if (type.isRecord()) {
            elements.addAll(Arrays.asList(type.getRecordComponents()));
        }
        return elements.stream().flatMap(element -> Arrays.stream(element.getDeclaredAnnotations()))
                .map(Annotation::annotationType)
                .anyMatch(annotation -> annotation.getName().startsWith(JACKSON));
    }

    /** The classes of one package (not its sub-packages) on the class path, from directories and jars alike. */
    static List<Class<?>> classes(String packageName) {
        String path = packageName.replace('.', '/');
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(file -> file.getFileName().toString()).forEach(names::add);
                    }
                } else if (url.getProtocol().equals("jar")) {
                    try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                        jar.stream().map(entry -> entry.getName())
                                .filter(name -> name.startsWith(path + "/") && name.indexOf('/', path.length() + 1) < 0)
                                .map(name -> name.substring(path.length() + 1))
                                .forEach(names::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith(".class") && !name.equals("package-info.class") && !name.equals("module-info.class")) {
                try {
                    classes.add(Class.forName(packageName + "." + name.substring(0, name.length() - ".class".length()), false, loader));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return classes;
    }
}
