package io.fleetpulse.e2e.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The consumer's lag seen from outside: once a second one marker result of a router nothing else writes goes through
 * ingest (a single POST), and its router-hour aggregate is read (GetItem, strongly consistent) every
 * {@value #POLL_MILLIS} ms until its count includes the marker; a sample is the time from ingest's acknowledgement to
 * that read. The next marker goes only after the previous one is visible, so a lag over a second thins the samples
 * (the count says so).
 */
final class LagProbe implements Runnable {

    static final long POLL_MILLIS = 50;
    static final String MARKER_ROUTER = "bench-lag-marker";
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    /** One marker: when ingest acknowledged it (seconds since the phase began) and how long until it counted. */
    record Sample(double ackSeconds, double lagMillis) {
    }

    private final IngestDriver ingest;
    private final DynamoDbClient dynamo;
    private final AggregateTally tally;
    private final long phaseStartNanos;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Map<String, Long> markersPerHour = new HashMap<>();
    private volatile boolean stopped;
    private volatile Exception failure;
    private volatile long lastAckNanos;

    LagProbe(IngestDriver ingest, DynamoDbClient dynamo, AggregateTally tally, long phaseStartNanos) {
        this.ingest = ingest;
        this.dynamo = dynamo;
        this.tally = tally;
        this.phaseStartNanos = phaseStartNanos;
    }

    @Override
    public void run() {
        try {
            for (long n = 0; !stopped; n++) {
                probe(n);
                long secondsSinceStart = (System.nanoTime() - phaseStartNanos) / 1_000_000_000L;
                sleepUntil(phaseStartNanos + (secondsSinceStart + 1) * 1_000_000_000L);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Sends no further marker; the one under way still completes. */
    void stop() {
        stopped = true;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    Exception failure() {
        return failure;
    }

    long lastAckNanos() {
        return lastAckNanos;
    }

    private void probe(long n) throws Exception {
        TestResult marker = marker(n);
        String hourSk = Keys.aggregateSk(Period.HOUR, Period.HOUR.bucketStart(marker.timestamp()));
        long acked = ingest.postSingle(marker);
        lastAckNanos = acked;
        tally.add(marker);
        long expected = markersPerHour.merge(hourSk, 1L, Long::sum);
        long visible = awaitCount(hourSk, expected, acked);
        samples.add(new Sample((acked - phaseStartNanos) / 1e9, (visible - acked) / 1e6));
    }

    private static TestResult marker(long n) {
        return new TestResult(MARKER_ROUTER, "marker-" + n, "latency", Instant.now().truncatedTo(ChronoUnit.MILLIS), TestStatus.OK,
                Map.of("latency_ms", BigDecimal.ONE), "LOC-MARKER", "ExampleISP", null, null, null);
    }

    /** Polls the marker router's hour aggregate until it counts {@code expected}; returns the nanoTime of that read. */
    private long awaitCount(String hourSk, long expected, long acked) throws InterruptedException {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS(Keys.routerPk(MARKER_ROUTER)), "SK", AttributeValue.fromS(hourSk));
        while (true) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("fleetpulse").key(key).consistentRead(true)
                    .projectionExpression("#c").expressionAttributeNames(Map.of("#c", "count"))).item();
            long read = System.nanoTime();
            if (item.containsKey("count") && Long.parseLong(item.get("count").n()) >= expected) {
                return read;
            }
            if (read - acked > GIVE_UP.toNanos()) {
                throw new IllegalStateException("marker " + expected + " of " + hourSk + " not counted " + GIVE_UP.toMinutes()
                        + " minutes after ingest acknowledged it");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
