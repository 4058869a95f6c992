package io.fleetpulse.localstack.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.capacity.CapacityProxy;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the capacity proxy costs per call: PutItem, GetItem and BatchWriteItem (25 items) latency from
 * one SDK client thread, straight to DynamoDB Local and through the proxy (real limits, 200 keys at
 * a few hundred calls per second, so nothing is throttled), alternating rounds so both see the same machine. Prints the figures.
 * Percentiles come from an HdrHistogram directly: test-support's LatencyHistogram is out of reach, test-support depends on
 * this module.
 *
 * <pre>./mvnw -B -o -pl local-stack -am -Pbench verify -DskipTests [-Dbench.calls=3000 -Dbench.rounds=3]</pre>
 */
public final class CapacityProxyBenchmark {

    private static final String TABLE = FleetTable.DEFAULT_TABLE_NAME;
    private static final int KEYS = 200;

    private CapacityProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = intArg(args, "--calls", 3000);
        int rounds = intArg(args, "--rounds", 3);
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();
                CapacityProxy proxy = CapacityProxy.start("127.0.0.1", 0, dynamoDb.endpoint(), CapacityLimits.real());
                DynamoDbClient direct = LocalClients.dynamoDb(dynamoDb.endpoint());
                DynamoDbClient proxied = LocalClients.dynamoDb(proxy.endpoint())) {
            FleetTable.ensureTable(direct, TABLE);
            System.out.printf("capacity proxy benchmark: %d calls per operation and round, %d rounds, %d cores, Java %s%n",
                    calls, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            // warm-up: JIT and connections on both paths
            run(direct, "warm-direct", calls, 0);
            run(proxied, "warm-proxy", calls, 0);
            Map<String, List<long[]>> results = new java.util.LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (String path : List.of("direct", "proxy")) {
                    long[][] latencies = run(path.equals("direct") ? direct : proxied, path + round, calls, round);
                    for (int op = 0; op < OPERATIONS.size(); op++) {
                        results.computeIfAbsent(path + " " + OPERATIONS.get(op), k -> new ArrayList<>()).add(latencies[op]);
                    }
                }
            }
            System.out.println();
            System.out.println("| operation | path | p50 ms | p90 ms | p99 ms | calls/s (1 thread) |");
            System.out.println("|---|---|---|---|---|---|");
            for (String operation : OPERATIONS) {
                for (String path : List.of("direct", "proxy")) {
                    Histogram micros = new Histogram(3);
                    results.get(path + " " + operation).stream().flatMapToLong(Arrays::stream)
                            .forEach(nanos -> micros.recordValue(nanos / 1_000));
                    System.out.printf("| %s | %s | %.3f | %.3f | %.3f | %.0f |%n", operation,
                            path.equals("direct") ? "DynamoDB Local" : "via capacity proxy", micros.getValueAtPercentile(50) / 1e3,
                            micros.getValueAtPercentile(90) / 1e3, micros.getValueAtPercentile(99) / 1e3, 1e6 / micros.getMean());
                }
            }
            System.out.println("proxy counters: " + proxy.counters());
        }
    }

    private static final List<String> OPERATIONS = List.of("PutItem", "GetItem", "BatchWriteItem (25)");

    /** Latencies (ns) per operation: PutItem, GetItem of that item, BatchWriteItem of 25 new items. */
    private static long[][] run(DynamoDbClient client, String tag, int calls, int round) {
        long[][] latencies = new long[3][calls];
        // A bounded set of keys, overwritten: the table stays small (DynamoDB Local's TTL sweep scans it every second).
        String router = "ROUTER#bench-" + tag;
        String payload = "x".repeat(600);
        timed(latencies[0], i -> client.putItem(b -> b.tableName(TABLE).item(item(router + "-" + i % KEYS, "S", payload))));
        timed(latencies[1], i -> client.getItem(b -> b.tableName(TABLE).key(Map.of(
                Attr.PK, AttributeValue.fromS(router + "-" + i % KEYS), Attr.SK, AttributeValue.fromS("S")))));
        timed(latencies[2], i -> {
            List<WriteRequest> writes = new ArrayList<>(25);
            for (int j = 0; j < 25; j++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(item(router + "-b" + (i % 8) + "-" + j, "S", payload)).build()).build());
            }
            client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes)));
        });
        return latencies;
    }

    private static void timed(long[] into, IntConsumer call) {
        for (int i = 0; i < into.length; i++) {
            long begin = System.nanoTime();
            call.accept(i);
            into[i] = System.nanoTime() - begin;
        }
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String payload) {
        return Map.of(Attr.PK, AttributeValue.fromS(pk), Attr.SK, AttributeValue.fromS(sk), "data", AttributeValue.fromS(payload));
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
