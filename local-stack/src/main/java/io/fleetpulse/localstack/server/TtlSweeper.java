package io.fleetpulse.localstack.server;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.shared.access.LocalDBAccess;
import software.amazon.dynamodb.services.local.shared.access.LocalDBInputConverter;
import software.amazon.dynamodb.services.local.shared.access.TableInfo;
import software.amazon.dynamodb.services.local.shared.access.sqlite.TableSchemaInfo;
import software.amazon.dynamodb.services.local.shared.jobs.TimeToLiveDeletionJobScheduler;

/**
 * Time to live for DynamoDB Local, done right. DynamoDB Local 3.3.1's own TTL job builds the key of an
 * expired item from every attribute definition of the table, GSI key attributes included: on a table with
 * GSIs it fails on the first expired item that lacks one of them (in Fleetpulse, any result that did not
 * fail has no GSI2 keys) and retries that item forever, so nothing expires. This sweeper stops that job and
 * does its work: the same selection (the TTL attribute between five years ago and now), the same internal
 * delete, which writes the stream record DynamoDB Local writes for a TTL deletion, but with the key taken
 * from the table's key schema only.
 */
final class TtlSweeper implements AutoCloseable {

    private static final int PAGE = 100;

    private final DynamoDBProxyServer server;
    private final ScheduledExecutorService timer;
    private final AtomicLong deleted = new AtomicLong();
    private volatile TimeToLiveDeletionJobScheduler builtIn;

    private TtlSweeper(DynamoDBProxyServer server) {
        this.server = server;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-local-ttl-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    static TtlSweeper start(DynamoDBProxyServer server, long intervalMillis) {
        TtlSweeper sweeper = new TtlSweeper(server);
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweepQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return sweeper;
    }

    /** Items deleted by expiry since the start. */
    long deleted() {
        return deleted.get();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // the next round tries again; a table dropped meanwhile is the usual cause
        }
    }

    void sweep() {
        TimeToLiveDeletionJobScheduler scheduler = builtIn();
        if (scheduler == null) {
            return; // DynamoDB Local creates its database access on the first request
        }
        LocalDBAccess db = DynamoDbLocalInternals.field(scheduler, "dbAccess", LocalDBAccess.class);
        LocalDBInputConverter converter = DynamoDbLocalInternals.field(scheduler, "inputConverter", LocalDBInputConverter.class);
        DynamoDbClient client = DynamoDbLocalInternals.field(scheduler, "dynamoDbClient", DynamoDbClient.class);
        for (Map.Entry<String, TableSchemaInfo> table : db.fetchAllTablesWithTimeToLiveEnabled().entrySet()) {
            sweepTable(db, converter, client, table.getKey(), table.getValue().getTimeToLiveAttributeName());
        }
    }

    private TimeToLiveDeletionJobScheduler builtIn() {
        if (builtIn == null) {
            List<TimeToLiveDeletionJobScheduler> found = DynamoDbLocalInternals.find(server, TimeToLiveDeletionJobScheduler.class);
            if (!found.isEmpty()) {
                found.forEach(TimeToLiveDeletionJobScheduler::cancel);
                builtIn = found.get(0);
            }
        }
        return builtIn;
    }

    private void sweepTable(LocalDBAccess db, LocalDBInputConverter converter, DynamoDbClient client, String tableName, String ttlAttribute) {
        TableInfo table = db.getTableInfo(tableName);
        if (table == null || ttlAttribute == null) {
            return;
        }
        List<String> keyNames = table.getKeySchema().stream().map(KeySchemaElement::attributeName).toList();
        long now = System.currentTimeMillis() / 1000;
        long fiveYearsAgo = ZonedDateTime.now(ZoneOffset.UTC).minusYears(5).toEpochSecond();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = client.scan(scan -> scan.tableName(tableName).limit(PAGE)
                    .filterExpression("#ttl BETWEEN :from AND :now")
                    .expressionAttributeNames(Map.of("#ttl", ttlAttribute))
                    .expressionAttributeValues(Map.of(":from", AttributeValue.fromN(Long.toString(fiveYearsAgo)),
                            ":now", AttributeValue.fromN(Long.toString(now))))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                Map<String, AttributeValue> key = new HashMap<>();
                keyNames.forEach(name -> key.put(name, item.get(name)));
                Lock lock = db.getLockForTable(tableName).writeLock();
                lock.lock();
                try {
                    if (db.deleteRecord(tableName, converter.externalToInternalAttributes(key), true)) {
                        deleted.incrementAndGet();
                    }
                } finally {
                    lock.unlock();
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
