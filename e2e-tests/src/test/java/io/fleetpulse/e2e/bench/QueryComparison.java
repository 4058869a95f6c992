package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.simulator.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * AP3 and AP7 over REST against the raw SDK {@code Query}s each sends, from one caller, one call at a time (the four
 * calls of a round in turn, the order reversed every other round). AP3: a router's newest 50 results. AP7: a location
 * and ISP's newest 50 results; query-service queries the 8 GSI1 shards of the pair in parallel, each for its share of
 * the page (15 items), and merges them by time; the raw path sends the same 8 Queries in parallel from its own threads
 * and merges likewise.
 */
final class QueryComparison {

    enum Call {
        AP3_REST, AP3_RAW, AP7_REST, AP7_RAW
    }

    static final int PAGE = 50;
    private static final int SHARDS = Sharding.DEFAULT_SHARDS;
    /** What query-service's first round asks of each shard for a page of 50 over 8 shards (ShardMerge.initialShardLimit). */
    private static final int SHARD_LIMIT = 15;
    private static final long HIGHEST_MICROS = Duration.ofMinutes(1).toNanos() / 1_000;
    private static final String NOT_EXPIRED = "attribute_not_exists(#exp) OR #exp > :now";
    private static final String BETWEEN = "#pk = :pk AND #sk BETWEEN :lo AND :hi";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService shardCallers = Executors.newFixedThreadPool(SHARDS, PacedLoad.daemon("raw-shard-query"));
    private final DynamoDbClient dynamo;
    private final String bearer;
    private final String router;
    private final String location;
    private final String isp;
    private final Instant from;
    private final Instant to;
    private final URI ap3;
    private final URI ap7;

    QueryComparison(URI query, String token, DynamoDbClient dynamo, String router, String location, String isp, Instant from, Instant to) {
        this.dynamo = dynamo;
        this.bearer = "Bearer " + token;
        this.router = router;
        this.location = location;
        this.isp = isp;
        this.from = from;
        this.to = to;
        String range = "from=" + encode(from.toString()) + "&to=" + encode(to.toString()) + "&limit=" + PAGE;
        this.ap3 = query.resolve("/v1/routers/" + encode(router) + "/results?" + range);
        this.ap7 = query.resolve("/v1/fleet/results?location=" + encode(location) + "&isp=" + encode(isp) + "&" + range);
    }

    /** Every path must return a full page (the data is there and the calls are what they claim). */
    void requireFullPages() throws Exception {
        for (Call call : Call.values()) {
            int items = call(call);
            if (items != PAGE) {
                throw new IllegalStateException(call + " returned " + items + " items, not " + PAGE);
            }
        }
    }

    /**
     * {@code warmUp} rounds not counted, then up to {@code rounds} rounds while {@code goOn} holds (checked before each
     * round); latencies in microseconds.
     */
    Map<Call, Histogram> measure(int warmUp, int rounds, BooleanSupplier goOn) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            for (Call call : Call.values()) {
                call(call);
            }
        }
        Map<Call, Histogram> latencies = new EnumMap<>(Call.class);
        for (Call call : Call.values()) {
            latencies.put(call, new Histogram(HIGHEST_MICROS, 3));
        }
        List<Call> order = new ArrayList<>(List.of(Call.values()));
        for (int round = 0; round < rounds && goOn.getAsBoolean(); round++) {
            java.util.Collections.reverse(order);
            for (Call call : order) {
                long start = System.nanoTime();
                call(call);
                latencies.get(call).recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - start) / 1_000));
            }
        }
        return latencies;
    }

    void close() {
        shardCallers.shutdownNow();
    }

    /** One call; returns the items of its page. */
    private int call(Call call) throws IOException, InterruptedException {
        return switch (call) {
            case AP3_REST -> rest(ap3);
            case AP7_REST -> rest(ap7);
            case AP3_RAW -> dynamo.query(query(TableIndex.BASE, Keys.routerPk(router), Keys.resultSkBound(from), Keys.resultSkBound(to),
                    PAGE)).items().size();
            case AP7_RAW -> rawAp7();
        };
    }

    private int rest(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("query-service answered " + answer.statusCode() + " to " + uri + ": " + answer.body());
        }
        JsonNode items = Json.tree(answer.body()).path("items");
        return items.size();
    }

    /** The 8 shard Queries at once, merged newest first, the first 50 taken. */
    private int rawAp7() {
        List<CompletableFuture<List<Map<String, AttributeValue>>>> shards = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            QueryRequest request = query(TableIndex.GSI1, Keys.gsi1Pk(location, isp, shard), Keys.timeBound(from), Keys.timeBound(to),
                    SHARD_LIMIT);
            shards.add(CompletableFuture.supplyAsync(() -> dynamo.query(request).items(), shardCallers));
        }
        Comparator<Map<String, AttributeValue>> newestFirst = Comparator.comparing(item -> item.get(Attr.GSI1SK).s());
        return (int) shards.stream().flatMap(shard -> shard.join().stream()).sorted(newestFirst.reversed()).limit(PAGE).count();
    }

    /** What query-service's TableReader sends for a page: key range, expired items filtered, newest first. */
    private static QueryRequest query(TableIndex index, String partition, String low, String high, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(RawWrites.TABLE)
                .keyConditionExpression(BETWEEN)
                .filterExpression(NOT_EXPIRED)
                .expressionAttributeNames(Map.of("#pk", index.partitionKey(), "#sk", index.sortKey(), "#exp", Attr.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":pk", AttributeValues.s(partition), ":lo", AttributeValues.s(low),
                        ":hi", AttributeValues.s(high), ":now", AttributeValues.n(Instant.now().getEpochSecond())))
                .scanIndexForward(false)
                .limit(limit)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (index.isGlobalSecondary()) {
            query.indexName(index.indexName());
        } else {
            query.consistentRead(false);
        }
        return query.build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
