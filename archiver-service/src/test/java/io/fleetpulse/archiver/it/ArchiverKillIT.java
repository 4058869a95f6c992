package io.fleetpulse.archiver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.support.ArchiverProcess;
import io.fleetpulse.archiver.support.KafkaEvents;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.testsupport.SharedLocalStack;
import io.fleetpulse.testsupport.TestClients;
import io.fleetpulse.testsupport.TestConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged archiver killed with SIGKILL while it works through a stream, then started again: no graceful stop,
 * no flush, no checkpoint, whatever batch it was in abandoned half done. It runs the local stream poller (KCL's
 * first lease takes 35-75 s here; the poller keeps its checkpoints in memory, so the restarted process replays the
 * whole stream from TRIM_HORIZON, the harshest redelivery there is) on a table of its own, while results are still
 * being written, a quarter of them already expired (TTL deletes them: archive rows). Then, from the data: every
 * aggregate equal to the independent count, every expired result archived exactly once, every result's event on
 * Kafka (at least once; duplicates are counted).
 */
class ArchiverKillIT {

    private static final int RESULTS = 2_400;
    private static final int CHUNK = 100;
    private static final int ROUTERS = 12;

    @Test
    void killedMidStreamAndRestartedItCountsEveryResultOnceAndArchivesEveryExpiredOneOnce() throws Exception {
        Assumptions.assumeTrue(Files.exists(ArchiverProcess.JAR) || !nativeBuild(), "no JVM jar: a native build");
        assertThat(ArchiverProcess.JAR).as("the packaged archiver").exists();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "kill-" + run;
        LocalEndpoints stack = SharedLocalStack.get();
        Map<String, String> config = new LinkedHashMap<>(TestConfig.all(stack));
        config.put(TestConfig.TABLE_NAME, table);
        config.put("fleetpulse.stream.mode", "poller");
        config.put("fleetpulse.stream.idle-time-between-reads-millis", "100");
        config.put("fleetpulse.stream.retry-max-backoff", "1s");
        config.put("fleetpulse.archive.flush-age", "1s");

        List<TestResult> results = TestData.fleetWithExpiries(run, RESULTS, ROUTERS);
        Set<String> expired = results.stream().filter(r -> r.expiresAt() != null).map(r -> r.routerId() + "/" + r.testId())
                .collect(Collectors.toSet());
        Map<AggregateKey, Aggregate> expected = TestData.expected(results);
        List<AggregateKey> fleetDays = expected.keySet().stream()
                .filter(k -> k.scope() == AggregateScope.FLEET && k.period() == Period.DAY).toList();
        Path logs = Path.of("target", "archiver-kill-it");

        try (DynamoDbClient dynamo = TestClients.dynamoDb(); S3Client s3 = TestClients.s3();
                KafkaEvents events = new KafkaEvents(stack.kafkaBootstrapServers(), stack.resultsTopic(),
                        e -> e.path("router_id").asText().startsWith(run))) {
            FleetTable.ensureTable(dynamo, table);
            TestData data = new TestData(dynamo, table);
            long countedAtKill;
            int exitCode;
            ArchiverProcess first = ArchiverProcess.start(config, freePort(), logs.resolve("first.log"));
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int from = 0; from < results.size(); from += CHUNK) {
                        data.write(results.subList(from, Math.min(results.size(), from + CHUNK)));
                        Thread.sleep(150);
                    }
                } catch (Throwable e) {
                    writeFailure.set(e);
                }
            }, "result-writer");
            try {
                first.awaitReady(Duration.ofSeconds(90));
                writer.start();
                await("the first archiver counts a part of the results").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(50)).until(() -> data.counted(fleetDays) >= RESULTS / 5);
                countedAtKill = data.counted(fleetDays);
                exitCode = first.kill();
            } finally {
                first.close();
            }
            long archivedAtKill = archived(s3, stack.bucket(), run).values().stream().mapToInt(Integer::intValue).sum();

            try (ArchiverProcess second = ArchiverProcess.start(config, freePort(), logs.resolve("second.log"))) {
                second.awaitReady(Duration.ofSeconds(90));
                writer.join(Duration.ofSeconds(120).toMillis());
                assertThat(writeFailure.get()).as("writing the results").isNull();
                await("every aggregate equals the independent count").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> data.exact(expected) == expected.size());
                await("every expired result archived").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> archived(s3, stack.bucket(), run).keySet().containsAll(expired));
                await("every result's event").atMost(Duration.ofSeconds(60))
                        .until(() -> eventIds(events).stream().distinct().count() == results.size());

                Map<String, Integer> archived = archived(s3, stack.bucket(), run);
                List<String> eventIds = eventIds(events);
                long distinctEvents = eventIds.stream().distinct().count();
                int archivedTwice = archived.values().stream().mapToInt(n -> n - 1).sum();
                System.out.printf("RELIABILITY archiver-kill-9: results=%d counted-at-kill=%d archived-at-kill=%d exit=%d "
                        + "aggregates-exact=%d/%d expired=%d archived=%d archived-twice=%d lost=%d events=%d distinct=%d "
                        + "event-duplicates=%d%n", results.size(), countedAtKill, archivedAtKill, exitCode, data.exact(expected),
                        expected.size(), expired.size(), archived.size(), archivedTwice,
                        expired.stream().filter(id -> !archived.containsKey(id)).count(), eventIds.size(), distinctEvents,
                        eventIds.size() - distinctEvents);

                assertThat(exitCode).as("killed by SIGKILL").isEqualTo(137);
                assertThat(countedAtKill).as("killed mid-stream").isLessThan(RESULTS);
                assertThat(data.exact(expected)).isEqualTo(expected.size());
                assertThat(archived.keySet()).as("the archive holds the expired results, no others").isEqualTo(expired);
                assertThat(archivedTwice).as("rows archived twice").isZero();
                assertThat(distinctEvents).isEqualTo(results.size());
            }
        }
    }

    /** Archived rows of this run by event id ({@code router_id/test_id}), with how many times each is in the archive. */
    private static Map<String, Integer> archived(S3Client s3, String bucket, String run) {
        Map<String, Integer> rows = new HashMap<>();
        TestData.archiveRows(s3, bucket, "archive/results/").values().forEach(objectRows -> objectRows.stream()
                .filter(row -> row.path("router_id").asText().startsWith(run))
                .forEach(row -> rows.merge(row.path("event_id").asText(), 1, Integer::sum)));
        return rows;
    }

    private static List<String> eventIds(KafkaEvents events) {
        return events.poll().stream().map(e -> e.path("event_id").asText()).toList();
    }

    private static boolean nativeBuild() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith("-runner"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
