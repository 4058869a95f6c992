package io.fleetpulse.localstack.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reaches objects inside a running DynamoDB Local that it does not expose (its job register, its TTL
 * scheduler). Walks the object graph below a root through instance fields of DynamoDB Local's own
 * classes and the values of maps, not below a match; best effort: an empty answer if a later version
 * moves things.
 */
final class DynamoDbLocalInternals {

    private static final int MAX_OBJECTS = 2_000;

    private DynamoDbLocalInternals() {
    }

    static <T> List<T> find(Object root, Class<T> type) {
        List<T> found = new ArrayList<>();
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> queue = new ArrayDeque<>(List.of(root));
        int budget = MAX_OBJECTS;
        while (!queue.isEmpty() && budget-- > 0) {
            Object current = queue.poll();
            if (!visited.add(current)) {
                continue;
            }
            if (type.isInstance(current)) {
                found.add(type.cast(current));
                continue; // what it holds is not searched: keeps the walk within its budget
            }
            if (current instanceof Map<?, ?> map) {
                map.values().stream().filter(v -> v != null).forEach(queue::add);
                continue;
            }
            for (Class<?> c = current.getClass(); c != null && isDynamoDbLocal(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Object value = valueOf(field, current);
                    if (value != null && (value instanceof Map<?, ?> || isDynamoDbLocal(value.getClass()))) {
                        queue.add(value);
                    }
                }
            }
        }
        return found;
    }

    /** The value of a named instance field declared by the object's class or a superclass. */
    static <T> T field(Object owner, String name, Class<T> type) {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return type.cast(field.get(owner));
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot read " + owner.getClass().getName() + "." + name, e);
            }
        }
        throw new IllegalStateException(owner.getClass().getName() + " has no field " + name);
    }

    private static Object valueOf(Field field, Object owner) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            return null;
        }
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isDynamoDbLocal(Class<?> type) {
        return type.getName().startsWith("software.amazon.dynamodb.");
    }
}
