package io.fleetpulse.archiver.support;

import io.fleetpulse.kit.capacity.ConsumedCapacityLedger;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ItemCache;
import io.fleetpulse.archiver.store.LatestResultStore;
import io.fleetpulse.archiver.store.ShardLedger;
import io.fleetpulse.archiver.store.TableOps;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.testsupport.TestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The archiver's stores on the test JVM's local stack, without Quarkus (for property tests and plain JUnit tests). */
public final class TestStores {

    public static final FleetpulseConfig CONFIG = new FleetpulseConfig() {
        @Override
        public String tableName() {
            return FleetTable.DEFAULT_TABLE_NAME;
        }

        @Override
        public int fleetShards() {
            return 8;
        }
    };

    private TestStores() {
    }

    public static TableOps table() {
        return new TableOps(TestClients.dynamoDb(), new ArchiverMetrics(new SimpleMeterRegistry()), new ConsumedCapacityLedger());
    }

    public static ShardLedger ledger() {
        return new ShardLedger(table(), CONFIG);
    }

    /** An aggregate store with an item cache of {@code cacheSize} entries. */
    public static AggregateStore aggregates(int cacheSize) {
        return aggregates(cacheSize, io.fleetpulse.archiver.service.Segment.MAX_KEYS);
    }

    /** An aggregate store with an item cache of {@code cacheSize} entries and segments of at most {@code segmentItems} items. */
    public static AggregateStore aggregates(int cacheSize, int segmentItems) {
        return aggregates(TestClients.dynamoDb(), new ArchiverMetrics(new SimpleMeterRegistry()), cacheSize, segmentItems);
    }

    /** An aggregate store on another client (e.g. through the capacity emulation), reporting to {@code metrics}. */
    public static AggregateStore aggregates(DynamoDbClient dynamo, ArchiverMetrics metrics, int cacheSize, int segmentItems) {
        TableOps table = new TableOps(dynamo, metrics, new ConsumedCapacityLedger());
        return new AggregateStore(table, new ShardLedger(table, CONFIG), new LatestResultStore(table, CONFIG), new ItemCache(cacheSize),
                CONFIG, metrics, segmentItems);
    }
}
