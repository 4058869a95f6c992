package io.fleetpulse.archiver.store;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.ShardTakenOver;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One small item per stream shard saying how far its expired results are in the archive (AP27, AP28): every TTL
 * row up to {@code through} is in S3, and {@code pending} names the flush under way, whose manifest is in S3. A flush
 * begins by recording itself here and completes by moving {@code through} to its last row, each step conditioned on
 * the state it was read with, so whoever reads the shard next (after a crash, a restart or a takeover, however far
 * the stream has been trimmed meanwhile) finishes that flush instead of starting an overlapping one. It expires two
 * days after its last move, when the stream (24 h) holds none of the shard's records.
 */
@ApplicationScoped
public class ArchiveLedger {

    /** The shard's archive position; {@code through} and {@code pending} may each be null. */
    public record State(BigInteger through, Flush pending) {

        static final State NONE = new State(null, null);

        /** True when the row at {@code sequence} is already in the archive. */
        public boolean archived(BigInteger sequence) {
            return through != null && sequence.compareTo(through) <= 0;
        }
    }

    /** A flush under way: its first and last row's sequence numbers. */
    public record Flush(String first, String last) {
        public BigInteger lastSequence() {
            return AppliedSequences.parse(last);
        }
    }

    static final String THROUGH = "through";
    static final String PENDING_FIRST = "pending_first";
    static final String PENDING_LAST = "pending_last";
    static final Duration KEEP = Duration.ofHours(48);

    private final TableOps table;
    private final String tableName;

    public ArchiveLedger(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    public State read(String shardId) {
        Map<String, AttributeValue> item = table.get(AccessPattern.AP27, GetItemRequest.builder().tableName(tableName)
                .key(key(shardId)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return State.NONE;
        }
        BigInteger through = item.containsKey(THROUGH) ? AppliedSequences.parse(item.get(THROUGH).s()) : null;
        Flush pending = item.containsKey(PENDING_FIRST) ? new Flush(item.get(PENDING_FIRST).s(), item.get(PENDING_LAST).s()) : null;
        return new State(through, pending);
    }

    /** Records the flush of rows {@code first..last} as under way; {@code current} is the state it starts from. */
    public State begin(String shardId, State current, String first, String last, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#first", PENDING_FIRST, "#last", PENDING_LAST, "#through", THROUGH,
                "#updated", "updated_at", "#expires", Attr.EXPIRES_AT, "#entity", Attr.ENTITY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":first", AttributeValues.s(first), ":last", AttributeValues.s(last),
                ":now", AttributeValues.n(now.getEpochSecond()), ":expires", AttributeValues.n(now.plus(KEEP).getEpochSecond()),
                ":entity", AttributeValues.s(EntityType.STREAM_LEDGER.stored())));
        String condition = "attribute_not_exists(#first) AND ";
        if (current.through() == null) {
            condition += "attribute_not_exists(#through)";
        } else {
            condition += "#through = :through";
            values.put(":through", AttributeValues.s(current.through().toString()));
        }
        update(shardId, "SET #first = :first, #last = :last, #updated = :now, #expires = :expires, #entity = :entity", condition,
                names, values);
        return new State(current.through(), new Flush(first, last));
    }

    /** Completes the flush under way: every row through its last is archived. */
    public State complete(String shardId, Flush flush, Instant now) {
        update(shardId, "SET #through = :last, #updated = :now, #expires = :expires REMOVE #first, #last", "#first = :first",
                Map.of("#first", PENDING_FIRST, "#last", PENDING_LAST, "#through", THROUGH, "#updated", "updated_at",
                        "#expires", Attr.EXPIRES_AT),
                // through is kept as a plain number: DynamoDB Local's sequence numbers carry leading zeros, AWS's do not
                Map.of(":first", AttributeValues.s(flush.first()), ":last", AttributeValues.s(flush.lastSequence().toString()),
                        ":now", AttributeValues.n(now.getEpochSecond()), ":expires", AttributeValues.n(now.plus(KEEP).getEpochSecond())));
        return new State(flush.lastSequence(), null);
    }

    private void update(String shardId, String expression, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            table.update(AccessPattern.AP28, UpdateItemRequest.builder().tableName(tableName).key(key(shardId))
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException moved) {
            throw new ShardTakenOver("the archive ledger of shard " + shardId + " was moved by another reader", moved);
        }
    }

    static Map<String, AttributeValue> key(String shardId) {
        return Map.of(Attr.PK, AttributeValues.s(Keys.streamLedgerPk(shardId)), Attr.SK, AttributeValues.s(Keys.archiveLedgerSk()));
    }
}
