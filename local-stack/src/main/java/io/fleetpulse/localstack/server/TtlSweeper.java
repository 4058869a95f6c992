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
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>DynamoDB Local serves every request on one SQLite thread, so a sweep is paid for by every other caller.
 * A sweep is therefore incremental: each tick (one second) reads Scan pages from where the last tick stopped
 * until it has spent its {@link TtlSweep#budget() budget}, and a new pass over the table starts only
 * {@link TtlSweep#period() period} after the previous one started. Expired items go within about one period
 * plus the time a pass takes at the budget; at idle the sweeper costs at most the budget's share of one core (a tick
 * that went over it is followed by a rest, {@link #restAfter}), and nothing between passes. On a large table a pass
 * takes long: a Scan page costs more the larger the table, so expiry then lags by hours, as it may on AWS (which
 * deletes expired items within days).
 */
final class TtlSweeper implements AutoCloseable {

    private static final long TICK_MILLIS = 1_000;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final int PAGE = 200;

    private final DynamoDBProxyServer server;
    private final TtlSweep settings;
    private final ScheduledExecutorService timer;
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private volatile TimeToLiveDeletionJobScheduler builtIn;
    /** Where the pass in progress stands: the table being read and the page to read next (null: a pass is not under way). */
    private final AtomicReference<Cursor> cursor = new AtomicReference<>();
    private long passStartedNanos = System.nanoTime();
    /** No tick starts before this (the timer thread only): set after a tick that cost more than the budget. */
    private long restUntilNanos = System.nanoTime();

    private record Cursor(List<String> tables, int table, Map<String, AttributeValue> startKey) {
    }

    private TtlSweeper(DynamoDBProxyServer server, TtlSweep settings) {
        this.server = server;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-local-ttl-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    static TtlSweeper start(DynamoDBProxyServer server, TtlSweep settings) {
        TtlSweeper sweeper = new TtlSweeper(server, settings);
        sweeper.timer.scheduleWithFixedDelay(sweeper::tickQuietly, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return sweeper;
    }

    /** Items deleted by expiry since the start. */
    long deleted() {
        return deleted.get();
    }

    /** Items read by the sweeper's Scans since the start. */
    long scanned() {
        return scanned.get();
    }

    /** Passes over every TTL table completed since the start. */
    long passes() {
        return passes.get();
    }

    private void tickQuietly() {
        long start = System.nanoTime();
        if (start - restUntilNanos < 0) {
            return;
        }
        try {
            tick(settings.budget().toNanos());
        } catch (RuntimeException e) {
            cursor.set(null); // the next pass starts again; a table dropped meanwhile is the usual cause
        }
        restUntilNanos = start + restAfter(System.nanoTime() - start, settings.budget().toNanos());
    }

    /**
     * How long after its start the next tick must wait when a tick spent {@code spentNanos}: a tick always reads one
     * page, and a Scan page costs DynamoDB Local more as the table grows, so a tick
     * over its budget rests until its share of the time is back at budget per tick. Zero within the budget.
     */
    static long restAfter(long spentNanos, long budgetNanos) {
        return budgetNanos <= 0 || spentNanos <= budgetNanos ? 0 : spentNanos * (TICK_NANOS / budgetNanos);
    }

    /**
     * Sweeps until the pass is done or {@code budgetNanos} are spent (at least one page is read); true when a pass
     * was completed. A new pass starts one period after the previous one started.
     */
    synchronized boolean tick(long budgetNanos) {
        TimeToLiveDeletionJobScheduler scheduler = builtIn();
        if (scheduler == null) {
            return false; // DynamoDB Local creates its database access on the first request
        }
        LocalDBAccess db = DynamoDbLocalInternals.field(scheduler, "dbAccess", LocalDBAccess.class);
        LocalDBInputConverter converter = DynamoDbLocalInternals.field(scheduler, "inputConverter", LocalDBInputConverter.class);
        DynamoDbClient client = DynamoDbLocalInternals.field(scheduler, "dynamoDbClient", DynamoDbClient.class);
        long tickStart = System.nanoTime();
        Cursor at = cursor.get();
        if (at == null) {
            if (tickStart - passStartedNanos < settings.period().toNanos()) {
                return false;
            }
            passStartedNanos = tickStart;
            at = new Cursor(List.copyOf(db.fetchAllTablesWithTimeToLiveEnabled().keySet()), 0, null);
        }
        while (at.table() < at.tables().size()) {
            String tableName = at.tables().get(at.table());
            TableSchemaInfo schema = db.fetchAllTablesWithTimeToLiveEnabled().get(tableName);
            Map<String, AttributeValue> next;
            try {
                next = schema == null ? null : sweepPage(db, converter, client, tableName, schema.getTimeToLiveAttributeName(), at.startKey());
            } catch (RuntimeException tableFailed) {
                next = null; // this table again in the next pass (dropped meanwhile, usually); the others now
            }
            at = next == null ? new Cursor(at.tables(), at.table() + 1, null) : new Cursor(at.tables(), at.table(), next);
            if (System.nanoTime() - tickStart >= budgetNanos && at.table() < at.tables().size()) {
                cursor.set(at);
                return false;
            }
        }
        cursor.set(null);
        passes.incrementAndGet();
        return true;
    }

    /** Lets the next tick start a pass whatever the period (tests). */
    synchronized void startPassNow() {
        passStartedNanos = System.nanoTime() - settings.period().toNanos();
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

    /** One Scan page of expired items, deleted; the key to read next, or null at the end of the table. */
    private Map<String, AttributeValue> sweepPage(LocalDBAccess db, LocalDBInputConverter converter, DynamoDbClient client,
            String tableName, String ttlAttribute, Map<String, AttributeValue> from) {
        TableInfo table = db.getTableInfo(tableName);
        if (table == null || ttlAttribute == null) {
            return null;
        }
        List<String> keyNames = table.getKeySchema().stream().map(KeySchemaElement::attributeName).toList();
        long now = System.currentTimeMillis() / 1000;
        long fiveYearsAgo = ZonedDateTime.now(ZoneOffset.UTC).minusYears(5).toEpochSecond();
        ScanResponse page = client.scan(scan -> scan.tableName(tableName).limit(PAGE)
                .filterExpression("#ttl BETWEEN :from AND :now")
                .expressionAttributeNames(Map.of("#ttl", ttlAttribute))
                .expressionAttributeValues(Map.of(":from", AttributeValue.fromN(Long.toString(fiveYearsAgo)),
                        ":now", AttributeValue.fromN(Long.toString(now))))
                .exclusiveStartKey(from));
        scanned.addAndGet(page.scannedCount() == null ? 0 : page.scannedCount());
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
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
