package io.fleetpulse.query.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.fleetpulse.kit.capacity.ConsumedCapacityLedger;
import io.fleetpulse.model.access.AccessPattern;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The query-service's meters, all tagged with the access pattern they measure:
 * <ul>
 * <li>{@code fleetpulse.query.latency{pattern}}: time to answer one request of the pattern (every round trip
 * and the merge), with a percentile histogram;</li>
 * <li>{@code fleetpulse.query.consumed.rcu{pattern}}: read capacity units DynamoDB reports per call
 * ({@code ReturnConsumedCapacity=INDEXES});</li>
 * <li>{@code fleetpulse.query.page.items{pattern}}: items per answered page;</li>
 * <li>{@code fleetpulse.query.fanout.width}: shards queried in parallel for one fleet page;</li>
 * <li>{@code fleetpulse.dynamodb.operations{operation}}: every DynamoDB call the service sends (see {@link OperationGuard}).</li>
 * </ul>
 */
@Singleton
public class QueryMetrics {

    public static final String LATENCY = "fleetpulse.query.latency";
    public static final String CONSUMED_RCU = "fleetpulse.query.consumed.rcu";
    public static final String PAGE_ITEMS = "fleetpulse.query.page.items";
    public static final String FANOUT_WIDTH = "fleetpulse.query.fanout.width";
    public static final String OPERATIONS = "fleetpulse.dynamodb.operations";

    private final MeterRegistry registry;
    private final ConsumedCapacityLedger ledger;
    private final Map<AccessPattern, Timer> latency = new EnumMap<>(AccessPattern.class);
    private final Map<AccessPattern, DistributionSummary> consumed = new EnumMap<>(AccessPattern.class);
    private final Map<AccessPattern, DistributionSummary> pageItems = new EnumMap<>(AccessPattern.class);
    private final Map<String, Counter> operations = new ConcurrentHashMap<>();
    private final DistributionSummary fanoutWidth;

    public QueryMetrics(MeterRegistry registry, ConsumedCapacityLedger ledger) {
        this.registry = registry;
        this.ledger = ledger;
        for (AccessPattern pattern : AccessPattern.values()) {
            latency.put(pattern, Timer.builder(LATENCY)
                    .description("Time to answer one request of an access pattern")
                    .tag("pattern", pattern.name())
                    .publishPercentileHistogram()
                    .register(registry));
            consumed.put(pattern, DistributionSummary.builder(CONSUMED_RCU)
                    .description("Read capacity units consumed per DynamoDB call")
                    .tag("pattern", pattern.name())
                    .register(registry));
            pageItems.put(pattern, DistributionSummary.builder(PAGE_ITEMS)
                    .description("Items per answered page")
                    .tag("pattern", pattern.name())
                    .register(registry));
        }
        fanoutWidth = DistributionSummary.builder(FANOUT_WIDTH)
                .description("Fleet index shards queried in parallel for one page")
                .tag("pattern", AccessPattern.AP7.name())
                .register(registry);
    }

    public Timer latency(AccessPattern pattern) {
        return latency.get(pattern);
    }

    /** Records a call's consumed capacity: in the per-call summary, and by table and index for the capacity report. */
    public void consumed(AccessPattern pattern, ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            consumed.get(pattern).record(capacity.capacityUnits());
            ledger.record(pattern, capacity);
        }
    }

    public void pageItems(AccessPattern pattern, int items) {
        pageItems.get(pattern).record(items);
    }

    public void fanoutWidth(int shards) {
        fanoutWidth.record(shards);
    }

    public void operation(String operationName) {
        operations.computeIfAbsent(operationName, name -> Counter.builder(OPERATIONS)
                .description("DynamoDB operations sent by the service")
                .tag("operation", name)
                .register(registry)).increment();
    }
}
