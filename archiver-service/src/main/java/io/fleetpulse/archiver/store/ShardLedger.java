package io.fleetpulse.archiver.store;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.archiver.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One small item per stream shard: the sequence number of the last record whose aggregate effects are in the
 * table (AP23). It moves only inside the transaction that applies those effects (AP22), conditioned on the value
 * it was read with, so a record is applied once whoever reads the shard, however often it is delivered. It expires
 * two days after its last move: by then the stream (24 h) holds none of the shard's records.
 */
@ApplicationScoped
public class ShardLedger {

    static final String SEQUENCE = "seq";
    static final String UPDATED_AT = "updated_at";
    static final Duration KEEP = Duration.ofHours(48);

    private final TableOps table;
    private final String tableName;

    public ShardLedger(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    /** The last applied sequence number of the shard; empty when none was applied yet. */
    public Optional<BigInteger> read(String shardId) {
        Map<String, AttributeValue> item = table.get(AccessPattern.AP23, GetItemRequest.builder().tableName(tableName)
                .key(key(shardId)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || !item.containsKey(SEQUENCE)) {
            return Optional.empty();
        }
        return Optional.of(AppliedSequences.parse(item.get(SEQUENCE).s()));
    }

    /** The transaction item that moves the shard's ledger from {@code expected} (empty: no ledger yet) to {@code next}. */
    TransactWriteItem advance(String shardId, Optional<BigInteger> expected, BigInteger next, Instant now) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(shardId));
        item.put(Attr.ENTITY, AttributeValues.s(EntityType.STREAM_LEDGER.stored()));
        item.put(SEQUENCE, AttributeValues.s(next.toString()));
        item.put(UPDATED_AT, AttributeValues.n(now.getEpochSecond()));
        item.put(Attr.EXPIRES_AT, AttributeValues.n(now.plus(KEEP).getEpochSecond()));
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Attr.PK));
        } else {
            put.conditionExpression("#seq = :expected").expressionAttributeNames(Map.of("#seq", SEQUENCE))
                    .expressionAttributeValues(Map.of(":expected", AttributeValues.s(expected.get().toString())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    static Map<String, AttributeValue> key(String shardId) {
        return Map.of(Attr.PK, AttributeValues.s(Keys.streamLedgerPk(shardId)), Attr.SK, AttributeValues.s(Keys.streamLedgerSk()));
    }
}
