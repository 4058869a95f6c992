package io.fleetpulse.archiver.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.AggregateMerger;
import io.fleetpulse.archiver.service.AggregateState;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.Contribution;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Applies a batch's contributions to the aggregate items, exactly once:
 * read the items (AP17, strongly consistent BatchGetItem), merge with {@link AggregateMerger} (which skips
 * contributions whose shard sequence number the item already holds), and write each changed item with an
 * UpdateItem conditioned on the version that was read (AP13). A lost race re-reads that item and merges
 * again. Returns the state of every touched item after the batch, changed or not (for aggregate events).
 */
@ApplicationScoped
public class AggregateStore {

    private static final Logger LOG = Logger.getLogger(AggregateStore.class);
    private static final int MAX_ROUNDS = 100;

    private final TableOps table;
    private final String tableName;
    private final ArchiverMetrics metrics;
    private final ExecutorService writers;

    public AggregateStore(TableOps table, FleetpulseConfig config, ArchiverMetrics metrics, WriteExecutor writers) {
        this.table = table;
        this.tableName = config.tableName();
        this.metrics = metrics;
        this.writers = writers.executor();
    }

    public Map<AggregateKey, AggregateState> apply(Map<AggregateKey, List<Contribution>> contributions, Instant now) {
        Map<AggregateKey, AggregateState> result = new LinkedHashMap<>();
        Set<AggregateKey> pending = new LinkedHashSet<>(contributions.keySet());
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("aggregate writes kept conflicting for " + pending.size() + " items");
            }
            Map<AggregateKey, AggregateState> current = read(pending);
            Map<AggregateKey, Future<Boolean>> writes = new LinkedHashMap<>();
            int unchanged = 0;
            for (AggregateKey key : pending) {
                AggregateState state = current.getOrDefault(key, AggregateState.empty(key));
                AggregateMerger.Outcome outcome = AggregateMerger.merge(state, contributions.get(key), now,
                        AppliedSequences.DEFAULT_RETENTION);
                if (!outcome.changed()) {
                    result.put(key, state);
                    unchanged++;
                    continue;
                }
                writes.put(key, writers.submit(() -> write(outcome.next(), state.version())));
                result.put(key, outcome.next());
            }
            Set<AggregateKey> conflicts = new LinkedHashSet<>();
            for (Map.Entry<AggregateKey, Future<Boolean>> write : writes.entrySet()) {
                if (!await(write.getValue())) {
                    conflicts.add(write.getKey());
                    result.remove(write.getKey());
                }
            }
            metrics.aggregateWrites("applied", writes.size() - conflicts.size());
            metrics.aggregateWrites("unchanged", unchanged);
            metrics.aggregateWrites("conflict", conflicts.size());
            if (!conflicts.isEmpty()) {
                LOG.debugf("%d aggregate writes lost a race; re-reading them", conflicts.size());
            }
            pending = conflicts;
        }
        return result;
    }

    /** True when written, false when the item's version moved since it was read. */
    private boolean write(AggregateState next, long expectedVersion) {
        Map<String, AttributeValue> item = AggregateMapper.toItem(next.aggregate(), next.applied(), next.version());
        UpdateExpressions update = UpdateExpressions.replaceWith(item, Set.of());
        Map<String, String> names = new HashMap<>(update.names());
        Map<String, AttributeValue> values = new HashMap<>(update.values());
        names.put("#version", AggregateMapper.VERSION);
        String condition;
        if (expectedVersion == 0) {
            condition = "attribute_not_exists(#version)";
        } else {
            condition = "#version = :expected";
            values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        }
        try {
            table.update(AccessPattern.AP13, UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK)))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException conflict) {
            return false;
        }
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
                    Backoff.sleep(++attempt);
                }
            }
        }
        return states;
    }

    private static boolean await(Future<Boolean> write) {
        try {
            return write.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing aggregates", interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }
}
