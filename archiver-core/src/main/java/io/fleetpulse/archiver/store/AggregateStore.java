package io.fleetpulse.archiver.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.service.AggregateConflictException;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.AggregateMerger;
import io.fleetpulse.archiver.service.AggregateState;
import io.fleetpulse.archiver.service.AppliedRecords;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.Contribution;
import io.fleetpulse.archiver.service.Segment;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * Applies one shard's inserted results to the aggregates and the LATEST# items, exactly once and without per-shard
 * state in the items. The shard's {@link ShardLedger} says how far its records are applied: records up to it are
 * dropped; the rest are cut into {@link Segment}s of at most 99 items, and each segment is one transaction (AP22):
 * every touched aggregate replaced by its merged state, conditioned on the version that was read; every LATEST#
 * item the segment has a newer result for, conditioned on still being older; and the ledger moved to the segment's
 * last record, conditioned on its previous value. A replay (a crash before the checkpoint, a second worker, a
 * takeover) finds the ledger ahead and writes nothing twice. A cancelled transaction re-reads what moved (items
 * another shard wrote, or the ledger another worker moved) and tries again, a bounded number of times with backoff.
 * Items are read (AP17) only when the bounded {@link ItemCache} does not hold them: a shard that writes an item again
 * conditions the write on the version it wrote last.
 */
@ApplicationScoped
public class AggregateStore {

    private static final Logger LOG = Logger.getLogger(AggregateStore.class);
    static final int MAX_ATTEMPTS = 8;

    private final TableOps table;
    private final AppliedLedger ledger;
    private final LatestResultStore latest;
    private final ItemCache cache;
    private final int segmentItems;
    private final String tableName;
    private final ArchiverMetrics metrics;

    @Inject
    public AggregateStore(TableOps table, AppliedLedger ledger, LatestResultStore latest, ItemCache cache, FleetpulseConfig config,
            ArchiverMetrics metrics) {
        this(table, ledger, latest, cache, config, metrics, Segment.MAX_KEYS);
    }

    /** With segments of at most {@code segmentItems} items (tests force several segments per batch with a small one). */
    public AggregateStore(TableOps table, AppliedLedger ledger, LatestResultStore latest, ItemCache cache, FleetpulseConfig config,
            ArchiverMetrics metrics, int segmentItems) {
        this.segmentItems = segmentItems;
        this.table = table;
        this.ledger = ledger;
        this.latest = latest;
        this.cache = cache;
        this.tableName = config.tableName();
        this.metrics = metrics;
    }

    /**
     * Applies the contributions of one shard's batch; returns the state of every touched aggregate afterwards, changed
     * or not (for aggregate events).
     */
    public Map<AggregateKey, AggregateState> apply(String shardId, Map<AggregateKey, List<Contribution>> contributions, Instant now) {
        AppliedRecords applied = ledger.read(shardId);
        BigInteger batchLast = contributions.values().stream().flatMap(List::stream).map(Contribution::sequence)
                .max(Comparator.naturalOrder()).orElse(null);
        List<Segment> segments = Segment.split(contributions, applied, segmentItems, ledger.itemsPerRecord());
        Map<AggregateKey, AggregateState> states = cachedOrRead(contributions.keySet());
        Map<String, TestResult> candidates = new LinkedHashMap<>();
        segments.forEach(segment -> candidates.putAll(segment.latest()));
        Map<String, String> latestOrders = cachedOrReadOrders(candidates);
        for (int s = 0; s < segments.size(); s++) {
            // the batch's last segment moves the ledger past the whole batch: every record before it is applied by then
            BigInteger through = s == segments.size() - 1 ? batchLast : null;
            // another worker may have applied some of this segment's records while an earlier one was retried
            Segment pending = segments.get(s).without(applied);
            for (int attempt = 1; pending != null; attempt++) {
                AppliedRecords next = applied.after(pending.sequences(), through);
                Attempt result = write(shardId, pending, applied, next, states, latestOrders, now);
                if (result.written()) {
                    applied = next;
                    break;
                }
                if (result.ledgerMoved()) {
                    applied = ledger.reread(shardId, applied, pending);
                    pending = pending.without(applied);
                    if (pending == null) {
                        LOG.debugf("shard %s: a segment was already applied by another worker", shardId);
                        break;
                    }
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new AggregateConflictException("segment of shard " + shardId + " through " + pending.last()
                            + " kept conflicting after " + attempt + " attempts");
                }
                if (!result.movedItems().isEmpty()) {
                    result.movedItems().forEach(cache.aggregates()::invalidate);
                    states.putAll(cachedOrRead(result.movedItems()));
                }
                if (!result.movedLatest().isEmpty()) {
                    Map<String, TestResult> moved = new LinkedHashMap<>();
                    result.movedLatest().forEach(key -> moved.put(key, candidates.get(key)));
                    result.movedLatest().forEach(cache.latestOrders()::invalidate);
                    latestOrders.putAll(cachedOrReadOrders(moved));
                }
                Backoff.sleep(attempt);
            }
        }
        return states;
    }

    /** The items' states from the cache, the rest read (AP17) and cached; an item not stored yet is empty. */
    private Map<AggregateKey, AggregateState> cachedOrRead(Set<AggregateKey> keys) {
        Map<AggregateKey, AggregateState> states = new LinkedHashMap<>(cache.aggregates().getAllPresent(keys));
        Set<AggregateKey> missing = new LinkedHashSet<>(keys);
        missing.removeAll(states.keySet());
        if (!missing.isEmpty()) {
            Map<AggregateKey, AggregateState> read = read(missing);
            missing.forEach(key -> states.put(key, read.getOrDefault(key, AggregateState.empty(key))));
            missing.forEach(key -> cache.aggregates().put(key, states.get(key)));
        }
        return states;
    }

    /** The stored {@code latest_order} of each candidate's item ("" when there is none), from the cache or read and cached. */
    private Map<String, String> cachedOrReadOrders(Map<String, TestResult> candidates) {
        Map<String, String> orders = new HashMap<>(cache.latestOrders().getAllPresent(candidates.keySet()));
        Map<String, TestResult> missing = new LinkedHashMap<>(candidates);
        missing.keySet().removeAll(orders.keySet());
        if (!missing.isEmpty()) {
            Map<String, String> read = latest.orders(missing);
            missing.keySet().forEach(key -> {
                String order = read.getOrDefault(key, "");
                orders.put(key, order);
                cache.latestOrders().put(key, order);
            });
        }
        return orders;
    }

    /** What one transaction attempt found. */
    private record Attempt(boolean written, boolean ledgerMoved, Set<AggregateKey> movedItems, Set<String> movedLatest) {
    }

    private Attempt write(String shardId, Segment segment, AppliedRecords applied, AppliedRecords next,
            Map<AggregateKey, AggregateState> states, Map<String, String> latestOrders, Instant now) {
        List<AggregateKey> keys = new ArrayList<>();
        List<String> latestKeys = new ArrayList<>();
        List<TransactWriteItem> items = new ArrayList<>();
        Map<AggregateKey, AggregateState> merged = new LinkedHashMap<>();
        int unchanged = 0;
        long dropped = 0;
        for (Map.Entry<AggregateKey, List<Contribution>> entry : segment.byKey().entrySet()) {
            AggregateState state = states.get(entry.getKey());
            AggregateMerger.Outcome outcome = AggregateMerger.merge(state, entry.getValue(), now, AppliedSequences.DEFAULT_RETENTION);
            if (!outcome.changed()) {
                unchanged++;
                continue;
            }
            dropped += outcome.droppedMetrics();
            keys.add(entry.getKey());
            items.add(replacement(entry.getKey(), outcome.next(), state.version()));
            merged.put(entry.getKey(), outcome.next());
        }
        int older = 0;
        for (Map.Entry<String, TestResult> candidate : segment.latest().entrySet()) {
            if (!LatestResultStore.newer(candidate.getValue(), latestOrders.get(candidate.getKey()))) {
                older++;
                continue;
            }
            latestKeys.add(candidate.getKey());
            items.add(latest.replaceIfNewer(candidate.getValue()));
        }
        items.addAll(ledger.advance(shardId, segment, applied, next, now));
        try {
            table.transactWrite(AccessPattern.AP22, TransactWriteItemsRequest.builder().transactItems(items).build());
        } catch (RuntimeException unknownOutcome) {
            // written or not: the next attempt reads these items again
            keys.forEach(cache.aggregates()::invalidate);
            latestKeys.forEach(cache.latestOrders()::invalidate);
            if (!(unknownOutcome instanceof TransactionCanceledException cancelled)) {
                throw unknownOutcome;
            }
            Set<AggregateKey> moved = new LinkedHashSet<>();
            Set<String> movedLatest = new LinkedHashSet<>();
            boolean ledgerMoved = false;
            boolean throttled = false;
            List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            for (int i = 0; i < reasons.size(); i++) {
                String code = reasons.get(i).code();
                if (code == null || "None".equals(code)) {
                    continue;
                }
                if ("ThrottlingError".equals(code)) {
                    throttled = true; // nothing moved: the same write again after a backoff
                    continue;
                }
                if ("ValidationError".equals(code)) {
                    // DynamoDB rejects what a record asks for (a number out of range, an item over 400 KB): the failure
                    // policy isolates that record instead of retrying
                    throw new IllegalArgumentException("segment rejected: " + reasons.get(i).message(), cancelled);
                }
                if (i < keys.size()) {
                    moved.add(keys.get(i));
                } else if (i < keys.size() + latestKeys.size()) {
                    movedLatest.add(latestKeys.get(i - keys.size()));
                } else {
                    ledgerMoved = true;
                }
            }
            if (reasons.isEmpty()) { // no reasons given: read everything again
                moved.addAll(keys);
                movedLatest.addAll(latestKeys);
                ledgerMoved = true;
            }
            metrics.aggregateWrites("conflict", moved.size() + movedLatest.size());
            if (throttled) {
                metrics.aggregateWrites("throttled", keys.size() + latestKeys.size());
            }
            return new Attempt(false, ledgerMoved, moved, movedLatest);
        }
        states.putAll(merged);
        cache.aggregates().putAll(merged);
        latestKeys.forEach(key -> {
            String order = TestResultMapper.latestOrder(segment.latest().get(key));
            latestOrders.put(key, order);
            cache.latestOrders().put(key, order);
        });
        metrics.aggregateWrites("applied", merged.size());
        metrics.droppedMetrics(dropped);
        metrics.aggregateWrites("unchanged", unchanged);
        metrics.latestWrites("updated", latestKeys.size());
        metrics.latestWrites("older", older);
        return new Attempt(true, false, Set.of(), Set.of());
    }

    /**
     * The item's replacement, conditioned on the version it was read with (0: it must not exist). A Put, not an
     * UpdateItem that SETs every attribute: the same write, and DynamoDB Local parses no update expression for it
     * (parsing was a quarter of its CPU while the archiver consumed a backlog).
     */
    private TransactWriteItem replacement(AggregateKey key, AggregateState next, long expectedVersion) {
        Map<String, AttributeValue> item = AggregateMapper.toItem(next.aggregate(), key.slot(), next.applied(), next.version());
        Put.Builder put = Put.builder().tableName(tableName).item(item)
                .expressionAttributeNames(Map.of("#version", AggregateMapper.VERSION));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(#version)");
        } else {
            put.conditionExpression("#version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** AP17: the current items, 100 keys per BatchGetItem, unprocessed keys asked again. */
    public Map<AggregateKey, AggregateState> read(Set<AggregateKey> keys) {
        Map<Map<String, AttributeValue>, AggregateKey> byItemKey = new HashMap<>();
        keys.forEach(key -> byItemKey.put(key.itemKey(), key));
        List<Map<String, AttributeValue>> all = new ArrayList<>(byItemKey.keySet());
        Map<AggregateKey, AggregateState> states = new HashMap<>();
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> chunk = all.subList(from, Math.min(all.size(), from + 100));
            Map<String, KeysAndAttributes> request = Map.of(tableName,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            int attempt = 0;
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = table.batchGet(AccessPattern.AP17,
                        software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest.builder().requestItems(ask).build());
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    AggregateKey key = byItemKey.get(Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK)));
                    if (key != null) {
                        states.put(key, new AggregateState(AggregateMapper.fromItem(item), AggregateMapper.applied(item),
                                AggregateMapper.version(item)));
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
                if (request != null && !request.isEmpty()) {
                    if (++attempt == MAX_ATTEMPTS) {
                        throw new IllegalStateException("aggregate reads left keys unprocessed " + attempt + " times");
                    }
                    Backoff.sleep(attempt);
                }
            }
        }
        return states;
    }
}
