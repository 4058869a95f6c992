package io.fleetpulse.archiver.store;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.AppliedRecords;
import io.fleetpulse.archiver.service.Segment;
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
 * One small item per stream shard saying which of its records are in the aggregates (AP23): every record up to
 * {@code seq}, and the records after it listed in {@code beyond} while a batch is written segment by segment (see
 * {@link AppliedRecords}). It moves only inside the transaction that applies a segment's effects (AP22), conditioned
 * on the version it was read with, so a record is applied once whoever reads the shard, however often it is delivered.
 * It expires two days after its last move: by then the stream (24 h) holds none of the shard's records.
 * The ledger unless an application brings another ({@link DefaultBean}).
 */
@ApplicationScoped
@DefaultBean
public class ShardLedger implements AppliedLedger {

    static final String SEQUENCE = "seq";
    static final String BEYOND = "beyond";
    static final String VERSION = "v";
    static final String UPDATED_AT = "updated_at";
    static final Duration KEEP = Duration.ofHours(48);

    private final TableOps table;
    private final String tableName;

    public ShardLedger(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    /** The shard's applied records; {@link AppliedRecords#NONE} when none was applied yet. */
    @Override
    public AppliedRecords read(String shardId) {
        Map<String, AttributeValue> item = table.get(AccessPattern.AP23, GetItemRequest.builder().tableName(tableName)
                .key(key(shardId)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return AppliedRecords.NONE;
        }
        BigInteger through = item.containsKey(SEQUENCE) ? AppliedSequences.parse(item.get(SEQUENCE).s()) : null;
        TreeSet<BigInteger> beyond = new TreeSet<>();
        AttributeValue listed = item.get(BEYOND);
        if (listed != null && listed.hasSs()) { // written by releases before the compact form
            listed.ss().forEach(sequence -> beyond.add(AppliedSequences.parse(sequence)));
        } else if (listed != null && listed.s() != null) {
            beyond.addAll(decodeBeyond(through, listed.s()));
        }
        long version = item.containsKey(VERSION) ? Long.parseLong(item.get(VERSION).n()) : -1;
        return new AppliedRecords(through, beyond, version);
    }

    /** Another worker moved the shard's item: read it again. */
    @Override
    public AppliedRecords reread(String shardId, AppliedRecords known, Segment pending) {
        return read(shardId);
    }

    @Override
    public List<TransactWriteItem> advance(String shardId, Segment segment, AppliedRecords expected, AppliedRecords next, Instant now) {
        return List.of(advance(shardId, expected, next, now));
    }

    @Override
    public int itemsPerRecord() {
        return 0;
    }

    /** The transaction item that moves the shard's ledger from {@code expected} (as read) to {@code next}. */
    TransactWriteItem advance(String shardId, AppliedRecords expected, AppliedRecords next, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(shardId));
        item.put(Attr.ENTITY, AttributeValues.s(EntityType.STREAM_LEDGER.stored()));
        if (next.through() != null) {
            item.put(SEQUENCE, AttributeValues.s(next.through().toString()));
        }
        if (!next.beyond().isEmpty()) {
            item.put(BEYOND, AttributeValues.s(encodeBeyond(next.through(), next.beyond())));
        }
        item.put(VERSION, AttributeValues.n(next.version()));
        item.put(UPDATED_AT, AttributeValues.n(now.getEpochSecond()));
        item.put(Attr.EXPIRES_AT, AttributeValues.n(now.plus(KEEP).getEpochSecond()));
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (expected.version() == 0) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Attr.PK));
        } else if (expected.version() < 0) { // written by an earlier release: a sequence number and no version
            put.conditionExpression("attribute_not_exists(#v) AND #seq = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION, "#seq", SEQUENCE))
                    .expressionAttributeValues(Map.of(":expected", AttributeValues.s(String.valueOf(expected.through()))));
        } else {
            put.conditionExpression("#v = :version").expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":version", AttributeValues.n(expected.version())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * The records applied beyond {@code seq}, as base-36 gaps from {@code seq} (or from 0) and then from each other:
     * a batch of 1,000 records lists up to 1,000 of them and the ledger is written once per segment, so about 3 bytes
     * per record instead of a 21-digit number each (which made the ledger the largest item of a transaction).
     */
    static String encodeBeyond(BigInteger through, SortedSet<BigInteger> beyond) {
        StringBuilder text = new StringBuilder(beyond.size() * 3);
        BigInteger previous = through == null ? BigInteger.ZERO : through;
        for (BigInteger sequence : beyond) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(sequence.subtract(previous).toString(Character.MAX_RADIX));
            previous = sequence;
        }
        return text.toString();
    }

    static List<BigInteger> decodeBeyond(BigInteger through, String text) {
        List<BigInteger> sequences = new ArrayList<>();
        BigInteger previous = through == null ? BigInteger.ZERO : through;
        for (String gap : text.split(",")) {
            previous = previous.add(new BigInteger(gap, Character.MAX_RADIX));
            sequences.add(previous);
        }
        return sequences;
    }

    static Map<String, AttributeValue> key(String shardId) {
        return Map.of(Attr.PK, AttributeValues.s(Keys.streamLedgerPk(shardId)), Attr.SK, AttributeValues.s(Keys.streamLedgerSk()));
    }
}
