package io.fleetpulse.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls a static method of a holder class as loaded by the system class loader, so that every Quarkus
 * class loader of the test JVM reaches the same state. Only JDK types should cross (strings, maps).
 */
final class SystemLoaderCall {

    private SystemLoaderCall() {
    }

    @SuppressWarnings("unchecked")
    static <T> T call(Class<?> holder, String method, String... args) {
        Class<?> target = holder;
        try {
            target = Class.forName(holder.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // test-support not on the system class path (unusual launcher): share within this class loader only
        }
        try {
            Class<?>[] types = new Class<?>[args.length];
            java.util.Arrays.fill(types, String.class);
            Method found = target.getMethod(method, types);
            return (T) found.invoke(null, (Object[]) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach " + holder.getName() + "." + method, e);
        }
    }
}
