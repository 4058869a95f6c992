package io.fleetpulse.archiver.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.archiver.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Keeps each router's LATEST#&lt;test_type&gt; item (AP13): an UpdateItem that replaces the item only when the
 * new result is newer (timestamp, then test id, as the fixed-width {@code latest_order}). Replays and
 * out-of-order shards cannot move it back.
 */
@ApplicationScoped
public class LatestResultStore {

    private static final Set<String> OPTIONAL = Set.of(TestResultMapper.RAW, TestResultMapper.RAW_REF, Attr.EXPIRES_AT);

    private final TableOps table;
    private final String tableName;
    private final TestResultMapper mapper;
    private final ArchiverMetrics metrics;
    private final ExecutorService writers;

    public LatestResultStore(TableOps table, FleetpulseConfig config, ArchiverMetrics metrics, WriteExecutor writers) {
        this.table = table;
        this.tableName = config.tableName();
        this.mapper = new TestResultMapper(new Sharding(config.fleetShards()));
        this.metrics = metrics;
        this.writers = writers.executor();
    }

    public void apply(Collection<TestResult> newest) {
        List<Future<Boolean>> writes = newest.stream().map(result -> writers.submit(() -> write(result))).toList();
        int updated = 0;
        int older = 0;
        for (Future<Boolean> write : writes) {
            try {
                if (write.get()) {
                    updated++;
                } else {
                    older++;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing latest results", interrupted);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
            }
        }
        metrics.latestWrites("updated", updated);
        metrics.latestWrites("older", older);
    }

    private boolean write(TestResult result) {
        Map<String, AttributeValue> item = mapper.toLatestItem(result);
        UpdateExpressions update = UpdateExpressions.replaceWith(item, OPTIONAL);
        Map<String, String> names = new HashMap<>(update.names());
        Map<String, AttributeValue> values = new HashMap<>(update.values());
        names.put("#pk", Attr.PK);
        names.put("#order", TestResultMapper.LATEST_ORDER);
        values.put(":order", item.get(TestResultMapper.LATEST_ORDER));
        try {
            table.update(AccessPattern.AP13, UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(TestResultMapper.latestKey(result.routerId(), result.testType()))
                    .updateExpression(update.expression())
                    .conditionExpression("attribute_not_exists(#pk) OR attribute_not_exists(#order) OR #order < :order")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException notNewer) {
            return false;
        }
    }
}
