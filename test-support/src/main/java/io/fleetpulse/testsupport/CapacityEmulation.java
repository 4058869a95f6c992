package io.fleetpulse.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.localstack.capacity.CapacityCounters;
import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.capacity.CapacityProxy;
import io.fleetpulse.localstack.capacity.FaultInjection;

/**
 * DynamoDB that throttles like the real service, for tests: a {@link CapacityProxy} in front of the
 * shared stack's DynamoDB Local, enforcing the real per-partition and per-table limits times
 * {@code factor} (0.01: 10 WCU/s and 30 RCU/s per partition key value). One proxy per factor per test
 * JVM, shared like the stack (by test classes and Quarkus restarts); {@link #reset} refills its buckets,
 * zeroes its counters and switches its faults off. On top of the limits the proxy injects faults:
 * {@link #throttleFraction} (a random share of the calls throttled) and {@link #unavailableFor} (every call
 * dropped for a while). Arrange and check data with {@link TestClients#dynamoDb()}, which is not throttled.
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

    /** Throttles this share (0 to 1) of the proxy's data-plane calls from now on, whatever its buckets hold; 0 turns it off. */
    public static void throttleFraction(double factor, double fraction) {
        SystemLoaderCall.call(Holder.class, "throttleFraction", Double.toString(factor), Double.toString(fraction));
    }

    /** Drops every call through the proxy (closed unanswered, not forwarded) for this long from now on. */
    public static void unavailableFor(double factor, Duration duration) {
        SystemLoaderCall.call(Holder.class, "unavailableFor", Double.toString(factor), duration.toString());
    }

    public static FaultInjection.Snapshot faults(double factor) {
        return FaultInjection.Snapshot.fromMap(SystemLoaderCall.call(Holder.class, "faults", Double.toString(factor)));
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

        public static synchronized Object throttleFraction(String factor, String fraction) {
            proxy(factor).faults().throttleFraction(Double.parseDouble(fraction));
            return null;
        }

        public static synchronized Object unavailableFor(String factor, String duration) {
            proxy(factor).faults().unavailableFor(Duration.parse(duration));
            return null;
        }

        public static synchronized Map<String, String> faults(String factor) {
            return Map.copyOf(proxy(factor).faults().snapshot().toMap());
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
