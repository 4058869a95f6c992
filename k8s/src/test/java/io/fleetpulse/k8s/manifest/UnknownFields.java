package io.fleetpulse.k8s.manifest;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields fabric8 did not recognise: its model classes keep them in {@code additionalProperties} instead of
 * failing, so every nested model object is visited through its getters and a non-empty map is reported with its path.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> of(Object model) {
        List<String> found = new ArrayList<>();
        visit(model, "", found);
        return found;
    }

    private static void visit(Object value, String path, List<String> found) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                visit(element, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> visit(element, path + "." + key, found));
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !isModel(getter.getDeclaringClass())) {
                continue;
            }
            String name = getter.getName();
            Object child = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add((path.isEmpty() ? "." : path) + ": unknown field(s) " + extra.keySet());
                }
            } else if (name.startsWith("get") || value.getClass().isRecord()) {
                visit(child, path + "." + propertyName(name, value.getClass().isRecord()), found);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.fleetpulse.k8s.manifest.");
    }

    private static String propertyName(String getter, boolean record) {
        if (record) {
            return getter;
        }
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
