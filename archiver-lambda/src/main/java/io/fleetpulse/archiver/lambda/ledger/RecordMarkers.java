package io.fleetpulse.archiver.lambda.ledger;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.archiver.service.AppliedRecords;
import io.fleetpulse.archiver.service.Contribution;
import io.fleetpulse.archiver.service.Segment;
import io.fleetpulse.archiver.store.AppliedLedger;
import io.fleetpulse.archiver.store.TableOps;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Exactly-once aggregates without a shard ledger: a Lambda event record names no shard, so each applied record leaves
 * a marker item ({@code STREAM_RECORD#<origin>#<seq>}, origin = the record's event id) in the transaction that applies
 * it, conditioned on not existing yet. Nothing is read before a batch: a replay's transaction is cancelled on the
 * markers of records already applied, which are then read (AP33) and left out. A marker expires 48 h after it is
 * written, when the stream (24 h) can no longer deliver its record.
 */
@ApplicationScoped
public class RecordMarkers implements AppliedLedger {

    static final Duration KEEP = Duration.ofHours(48);
    private static final int MAX_ATTEMPTS = 8;

    private final TableOps table;
    private final String tableName;

    public RecordMarkers(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    @Override
    public AppliedRecords read(String shardId) {
        return AppliedRecords.NONE;
    }

    @Override
    public AppliedRecords reread(String shardId, AppliedRecords known, Segment pending) {
        Map<Map<String, AttributeValue>, BigInteger> keys = new LinkedHashMap<>();
        origins(pending).forEach((sequence, origin) -> keys.put(key(origin, sequence), sequence));
        TreeSet<BigInteger> applied = new TreeSet<>(known.beyond());
        List<Map<String, AttributeValue>> all = new ArrayList<>(keys.keySet());
        for (int from = 0; from < all.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                    .keys(all.subList(from, Math.min(all.size(), from + 100))).consistentRead(true).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("record markers left unprocessed " + MAX_ATTEMPTS + " times");
                }
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = table.batchGet(AccessPattern.AP33, BatchGetItemRequest.builder().requestItems(ask).build());
                response.responses().getOrDefault(tableName, List.of())
                        .forEach(item -> applied.add(keys.get(Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK)))));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return new AppliedRecords(known.through(), applied, known.version());
    }

    @Override
    public List<TransactWriteItem> advance(String shardId, Segment segment, AppliedRecords expected, AppliedRecords next, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        origins(segment).forEach((sequence, origin) -> {
            Map<String, AttributeValue> item = new HashMap<>(key(origin, sequence));
            item.put(Attr.ENTITY, AttributeValues.s(EntityType.STREAM_LEDGER.stored()));
            item.put(Attr.EXPIRES_AT, AttributeValues.n(now.plus(KEEP).getEpochSecond()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Attr.PK)).build()).build());
        });
        return items;
    }

    @Override
    public int itemsPerRecord() {
        return 1;
    }

    /** The segment's records: sequence number to the origin their contributions carry. */
    private static Map<BigInteger, String> origins(Segment segment) {
        Map<BigInteger, String> origins = new LinkedHashMap<>();
        segment.byKey().values().forEach(list -> list.stream().filter(c -> segment.sequences().contains(c.sequence()))
                .forEach((Contribution c) -> origins.put(c.sequence(), c.shardId())));
        return origins;
    }

    static Map<String, AttributeValue> key(String origin, BigInteger sequence) {
        return Map.of(Attr.PK, AttributeValues.s(Keys.streamRecordPk(origin, sequence.toString())), Attr.SK,
                AttributeValues.s(Keys.streamLedgerSk()));
    }
}
