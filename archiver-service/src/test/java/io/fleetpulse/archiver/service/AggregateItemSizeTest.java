package io.fleetpulse.archiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.archiver.support.TestStores;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.validation.ItemSize;
import io.fleetpulse.testsupport.TestClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An aggregate item's size does not depend on how many stream shards contributed to it: exactly-once bookkeeping is
 * one small ledger item per shard, outside the aggregates.
 */
class AggregateItemSizeTest {

    private static final Instant NOW = Instant.now();

    private static TestResult result(String location, int i) {
        return new TestResult("r-" + location + "-" + (i % 3), "t" + i, "latency", NOW, TestStatus.OK,
                Map.of("latency_ms", BigDecimal.valueOf(1000 + i, 2)), location, "ExampleISP", null, null, null);
    }

    @Test
    void tenThousandShardsLeaveTheItemAsLargeAsOne() {
        String location = "SIZE";
        AggregateKey fleetHour = AggregateKey.of(result(location, 0)).get(2);
        AggregateState state = AggregateState.empty(fleetHour);
        long afterOne = 0;
        for (int shard = 0; shard < 10_000; shard++) {
            StreamRecord record = Records.insert("shardId-" + UUID.randomUUID(), 1 + shard, result(location, shard));
            state = AggregateMerger.merge(state, List.of(Contribution.of(record, result(location, shard))), NOW,
                    AppliedSequences.DEFAULT_RETENTION).next();
            if (shard == 0) {
                afterOne = ItemSize.of(AggregateMapper.toItem(state.aggregate(), state.applied(), state.version()));
            }
        }
        long afterAll = ItemSize.of(AggregateMapper.toItem(state.aggregate(), state.applied(), state.version()));
        assertThat(state.aggregate().count()).isEqualTo(10_000);
        // only the numbers grow by a few digits
        assertThat(afterAll).isLessThan(afterOne + 64).isLessThan(1_024);
    }

    @Test
    void throughTheStoreAStoredAggregateStaysSmallWhileEveryShardGetsOneSmallLedger() {
        DynamoDbClient dynamo = TestClients.dynamoDb();
        AggregateStore store = TestStores.aggregates(100);
        String location = "SIZE-" + UUID.randomUUID().toString().substring(0, 8);
        int shards = 300;
        for (int shard = 0; shard < shards; shard++) {
            TestResult result = result(location, shard);
            String shardId = "shardId-" + UUID.randomUUID();
            store.apply(shardId, StreamBatchProcessor.plan(List.of(Records.insert(shardId, 7, result)), NOW).contributions(), NOW);
            AppliedRecords ledger = TestStores.ledger().read(shardId);
            assertThat(ledger.through()).isEqualTo(new BigInteger(Records.seqText(7)));
            assertThat(ledger.beyond()).isEmpty();
        }
        // the fleet day lies in the pair's write slots, summed by readers; each slot item stays small
        AggregateKey fleetDay = AggregateKey.of(result(location, 0)).get(3);
        long counted = 0;
        for (int slot = 0; slot < FleetSlots.COUNT; slot++) {
            var key = fleetDay.inSlot(slot).itemKey();
            var stored = dynamo.getItem(b -> b.tableName(TestStores.CONFIG.tableName()).key(key)
                    .consistentRead(true)).item();
            assertThat(stored).as("slot " + slot + " of 300 shards' writes").isNotEmpty().doesNotContainKey(AggregateMapper.APPLIED);
            assertThat(ItemSize.of(stored)).isLessThan(1_024);
            counted += AggregateMapper.fromItem(stored).count();
        }
        assertThat(counted).isEqualTo(shards);
    }
}
