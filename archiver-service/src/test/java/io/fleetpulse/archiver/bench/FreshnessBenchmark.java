package io.fleetpulse.archiver.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A runnable harness, not a test: measures the archiver's freshness (a write's acknowledgement to its
 * router-hour aggregate counting it) and throughput against a running stack and archiver, e.g.
 * {@code ./fleetpulse up}. Prints p50/p99 and records/s; asserts nothing.
 *
 * <pre>
 * ./mvnw -o -pl archiver-service test-compile
 * java -cp "archiver-service/target/test-classes:archiver-service/target/classes:$(cat cp.txt)" \
 *   io.fleetpulse.archiver.bench.FreshnessBenchmark [endpoint] [table] [samples] [burst]
 * </pre>
 * (cp.txt from {@code ./mvnw -o -pl archiver-service dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class FreshnessBenchmark {

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : System.getenv().getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");
        String table = args.length > 1 ? args[1] : "fleetpulse";
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int burst = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            TestData data = new TestData(dynamo, table);
            String run = "bench-" + UUID.randomUUID().toString().substring(0, 6);

            // freshness: one write at a time, poll its router-hour aggregate until it counts the write
            List<Long> freshness = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                TestResult result = TestData.result(run + "-f" + i, "t" + i, "LOC-" + run, "isp0", Instant.now(), false, BigDecimal.ONE, null);
                AggregateKey key = AggregateKey.of(result).get(0);
                data.write(List.of(result));
                long acked = System.nanoTime();
                long deadline = acked + Duration.ofSeconds(120).toNanos();
                while (data.aggregate(key).map(Aggregate::count).orElse(0L) < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                freshness.add((System.nanoTime() - acked) / 1_000_000);
            }
            Collections.sort(freshness);
            System.out.printf("freshness (write ack -> aggregate visible), %d samples: p50 %d ms, p99 %d ms, max %d ms%n", samples,
                    freshness.get(freshness.size() / 2), freshness.get((int) Math.ceil(freshness.size() * 0.99) - 1),
                    freshness.get(freshness.size() - 1));

            // throughput: a burst over 50 routers, until the fleet-hour aggregate counts all of it
            List<TestResult> results = new ArrayList<>(burst);
            Instant now = Instant.now();
            for (int i = 0; i < burst; i++) {
                results.add(TestData.result(run + "-b" + (i % 50), "b" + i, "LOC-" + run + "-burst", "isp0", now.plusMillis(i % 1000), i % 7 == 0,
                        BigDecimal.valueOf(i % 100), null));
            }
            AggregateKey fleetHour = AggregateKey.of(results.get(0)).get(2);
            long start = System.nanoTime();
            data.write(results);
            long written = System.nanoTime();
            long deadline = written + Duration.ofSeconds(600).toNanos();
            while (data.aggregate(fleetHour).map(Aggregate::count).orElse(0L) < burst && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput: %d results written in %.1f s, all aggregated after %.1f s: %.0f records/s end to end%n",
                    burst, (written - start) / 1e9, seconds, burst / seconds);
        }
    }
}
