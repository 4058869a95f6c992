package io.fleetpulse.localstack.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** What the proxy did, for tests and the {@code /fleetpulse/capacity} page. */
public final class CapacityCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder throttledWrites = new LongAdder();
    private final LongAdder throttledReads = new LongAdder();
    private final LongAdder unprocessedItems = new LongAdder();
    private final LongAdder unprocessedKeys = new LongAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder readUnits = new DoubleAdder();

    /**
     * @param requests         DynamoDB API calls received (all operations, streams included)
     * @param throttledWrites  write calls answered with ProvisionedThroughputExceededException
     * @param throttledReads   read calls answered with ProvisionedThroughputExceededException
     * @param unprocessedItems BatchWriteItem items handed back in UnprocessedItems
     * @param unprocessedKeys  BatchGetItem keys handed back in UnprocessedKeys
     * @param writeUnits       write capacity units consumed by admitted writes
     * @param readUnits        read capacity units consumed by admitted reads
     */
    public record Snapshot(long requests, long throttledWrites, long throttledReads, long unprocessedItems,
            long unprocessedKeys, double writeUnits, double readUnits) {

        public long throttledRequests() {
            return throttledWrites + throttledReads;
        }

        /** As plain strings: crosses class loaders (Quarkus tests). */
        public Map<String, String> toMap() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("requests", Long.toString(requests));
            map.put("throttled_writes", Long.toString(throttledWrites));
            map.put("throttled_reads", Long.toString(throttledReads));
            map.put("unprocessed_items", Long.toString(unprocessedItems));
            map.put("unprocessed_keys", Long.toString(unprocessedKeys));
            map.put("write_units", Double.toString(writeUnits));
            map.put("read_units", Double.toString(readUnits));
            return map;
        }

        public static Snapshot fromMap(Map<String, String> map) {
            return new Snapshot(Long.parseLong(map.get("requests")), Long.parseLong(map.get("throttled_writes")),
                    Long.parseLong(map.get("throttled_reads")), Long.parseLong(map.get("unprocessed_items")),
                    Long.parseLong(map.get("unprocessed_keys")), Double.parseDouble(map.get("write_units")),
                    Double.parseDouble(map.get("read_units")));
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.sum(), throttledWrites.sum(), throttledReads.sum(), unprocessedItems.sum(),
                unprocessedKeys.sum(), writeUnits.sum(), readUnits.sum());
    }

    public void reset() {
        requests.reset();
        throttledWrites.reset();
        throttledReads.reset();
        unprocessedItems.reset();
        unprocessedKeys.reset();
        writeUnits.reset();
        readUnits.reset();
    }

    void request() {
        requests.increment();
    }

    void throttled(PartitionThrottle.Kind kind) {
        (kind == PartitionThrottle.Kind.WRITE ? throttledWrites : throttledReads).increment();
    }

    void unprocessedItems(int count) {
        unprocessedItems.add(count);
    }

    void unprocessedKeys(int count) {
        unprocessedKeys.add(count);
    }

    void wrote(double units) {
        writeUnits.add(units);
    }

    void read(double units) {
        readUnits.add(units);
    }
}
