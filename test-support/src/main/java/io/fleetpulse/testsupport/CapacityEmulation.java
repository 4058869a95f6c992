package io.fleetpulse.testsupport;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.localstack.capacity.CapacityCounters;
import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.capacity.CapacityProxy;

/**
 * DynamoDB that throttles like the real service, for tests: a {@link CapacityProxy} in front of the
 * shared stack's DynamoDB Local, enforcing the real per-partition and per-table limits times
 * {@code factor} (0.01: 10 WCU/s and 30 RCU/s per partition key value). One proxy per factor per test
 * JVM, shared like the stack (by test classes and Quarkus restarts); {@link #reset} refills its buckets
 * and zeroes its counters. Arrange and check data with {@link TestClients#dynamoDb()}, which is not throttled.
 */
public final class CapacityEmulation {

    private CapacityEmulation() {
    }

    /** The proxy's endpoint, starting it (and the shared stack) if needed. */
    public static URI endpoint(double factor) {
        return URI.create(SystemLoaderCall.call(Holder.class, "endpoint", Double.toString(factor)));
    }

    /** What {@link DynamoDbTestResource} returns, with {@code quarkus.dynamodb.endpoint-override} at the proxy. */
    public static Map<String, String> config(double factor) {
        return TestConfig.dynamoDb(SharedLocalStack.get().withDynamoDb(endpoint(factor)));
    }

    public static CapacityCounters.Snapshot counters(double factor) {
        return CapacityCounters.Snapshot.fromMap(SystemLoaderCall.call(Holder.class, "counters", Double.toString(factor)));
    }

    public static void reset(double factor) {
        SystemLoaderCall.call(Holder.class, "reset", Double.toString(factor));
    }

    /** Holds the proxies; used through its system-class-loader copy only. */
    public static final class Holder {
        private static final Map<String, CapacityProxy> PROXIES = new HashMap<>();

        private Holder() {
        }

        public static synchronized String endpoint(String factor) {
            return proxy(factor).endpoint().toString();
        }

        public static synchronized Map<String, String> counters(String factor) {
            return Map.copyOf(proxy(factor).counters().toMap());
        }

        public static synchronized Object reset(String factor) {
            proxy(factor).reset();
            return null;
        }

        private static CapacityProxy proxy(String factor) {
            return PROXIES.computeIfAbsent(factor, f -> {
                LocalEndpoints stack = SharedLocalStack.get();
                CapacityProxy proxy = CapacityProxy.start(stack.dynamoDbDirect().getHost(), 0, stack.dynamoDbDirect(),
                        CapacityLimits.scaled(Double.parseDouble(f)));
                Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "fleetpulse-capacity-proxy-stop"));
                return proxy;
            });
        }
    }
}
