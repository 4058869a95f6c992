package io.fleetpulse.testsupport;

import java.util.Map;

import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.localstack.LocalStack;
import io.fleetpulse.localstack.LocalStackConfig;
import io.fleetpulse.localstack.server.TtlSweep;

/**
 * The one local stack of this JVM: started on free ports of 127.0.0.1 on first use (table
 * {@code fleetpulse}, bucket {@code fleetpulse-archive}, both topics) and stopped by a shutdown hook.
 * <p>
 * Quarkus loads test resources in its own class loaders, one per application start, so a plain
 * static field would start a stack per restart. The stack is therefore held by this class as loaded
 * by the system class loader, and only JDK types (a string map) cross over.
 */
public final class SharedLocalStack {

    private static volatile LocalEndpoints endpoints;

    private SharedLocalStack() {
    }

    /** The endpoints of the shared stack, starting it if needed. Always the same instance within one class loader. */
    public static LocalEndpoints get() {
        LocalEndpoints current = endpoints;
        if (current == null) {
            synchronized (SharedLocalStack.class) {
                current = endpoints;
                if (current == null) {
                    current = LocalEndpoints.fromMap(call("endpoints"));
                    endpoints = current;
                }
            }
        }
        return current;
    }

    /** How many stacks this JVM started: 1 once {@link #get()} has been called, whatever the class loader. */
    public static int starts() {
        return call("starts");
    }

    /** A bearer token signed by the shared stack's development key, which the services under test verify. */
    static String token(String subject, String rolesCsv, String isp, java.time.Duration lifetime) {
        get();
        return call("token", subject, rolesCsv, isp == null ? "" : isp, Long.toString(lifetime.toSeconds()));
    }

    private static <T> T call(String method, String... args) {
        return SystemLoaderCall.call(Holder.class, method, args);
    }

    /** Holds the stack; used through its system-class-loader copy only. */
    public static final class Holder {
        private static Map<String, String> endpoints;
        private static LocalStack stack;
        private static int starts;

        private Holder() {
        }

        public static synchronized Map<String, String> endpoints() {
            if (endpoints == null) {
                Thread current = Thread.currentThread();
                ClassLoader callerLoader = current.getContextClassLoader();
                current.setContextClassLoader(Holder.class.getClassLoader());
                LocalStack started;
                try {
                    started = LocalStack.start(LocalStackConfig.freePorts().withTtlSweep(TtlSweep.FAST));
                } finally {
                    current.setContextClassLoader(callerLoader);
                }
                starts++;
                stack = started;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "fleetpulse-local-stack-stop"));
                endpoints = Map.copyOf(started.endpoints().toMap());
                System.out.printf("Fleetpulse local stack for tests started in %d ms: %s%n",
                        started.startupTime().toMillis(), started.endpoints().environment());
            }
            return endpoints;
        }

        public static synchronized String token(String subject, String rolesCsv, String isp, String lifetimeSeconds) {
            java.util.List<String> roles = rolesCsv.isEmpty() ? java.util.List.of() : java.util.List.of(rolesCsv.split(","));
            return stack.devTokens().mint(subject, roles, isp.isEmpty() ? null : isp,
                    java.time.Duration.ofSeconds(Long.parseLong(lifetimeSeconds)));
        }

        public static synchronized Integer starts() {
            return starts;
        }
    }
}
