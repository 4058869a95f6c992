package io.fleetpulse.ingest.faults;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.HttpLoad;
import io.fleetpulse.testsupport.TestTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A client's own record of the results it sent under faults: each result carries a sequence number in
 * {@code result.seq}, so the items in the table can be matched to what was sent and counted: found, lost
 * (acknowledged but not stored), duplicated (stored under more than one key), stored without an acknowledgement.
 * Half the results name their test_id (ingest writes those by conditional PutItem, AP21), half let ingest derive it
 * (BatchWriteItem, AP11).
 */
final class ResultLedger {

    private static final String TOKEN = TestTokens.writer();

    private final List<String> routers = new ArrayList<>();
    private final Map<Integer, Map<String, Object>> sent = new LinkedHashMap<>();
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> notWrittenBecause = new ConcurrentHashMap<>();
    private final Instant base = Fixtures.recent(0);

    ResultLedger(String prefix, int routerCount) {
        for (int i = 0; i < routerCount; i++) {
            routers.add(Fixtures.routerId(prefix + i));
        }
    }

    /** A new result (sequence number = its position in the ledger). */
    synchronized int add() {
        int seq = sent.size();
        Map<String, Object> result = Fixtures.result(routers.get(seq % routers.size()), base.minusMillis(seq));
        @SuppressWarnings("unchecked")
        Map<String, Object> measurements = new LinkedHashMap<>((Map<String, Object>) result.get("result"));
        measurements.put("seq", seq);
        result.put("result", measurements);
        if (seq % 2 == 0) {
            result.put("test_id", "t-" + seq);
        }
        sent.put(seq, result);
        return seq;
    }

    synchronized List<Integer> add(int n) {
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seqs.add(add());
        }
        return seqs;
    }

    synchronized int size() {
        return sent.size();
    }

    /** POST /v1/results of one result. */
    synchronized HttpRequest single(URI base, int seq) {
        return HttpLoad.request(base.resolve("/v1/results"), TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(sent.get(seq)))).build();
    }

    /** POST /v1/results/batch of these results, as JSON or NDJSON. */
    synchronized HttpRequest batch(URI base, List<Integer> seqs, boolean ndjson) {
        List<Object> items = new ArrayList<>();
        seqs.forEach(seq -> items.add(sent.get(seq)));
        String body = ndjson ? Fixtures.ndjson(items) : Fixtures.batch(items);
        return HttpLoad.request(base.resolve("/v1/results/batch"), TOKEN)
                .header("Content-Type", ndjson ? "application/x-ndjson" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** Records the answer to a single POST; true when it acknowledged the result. */
    boolean singleAnswered(int seq, HttpLoad.Answer answer) {
        boolean ok = answer.status() == 201 || answer.status() == 200;
        if (ok) {
            acknowledged.add(seq);
        }
        return ok;
    }

    /** Records the answer to a batch (200, or a 503 carrying the same report); returns how many it acknowledged. */
    int batchAnswered(List<Integer> seqs, HttpLoad.Answer answer) {
        if (answer.status() != 200 && answer.status() != 503) {
            return 0;
        }
        JsonNode report;
        try {
            report = Fixtures.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("batch answer is not JSON: " + answer.text(), e);
        }
        if (!report.has("accepted")) {
            return 0; // a 503 before the batch was read (circuit open): nothing acknowledged
        }
        Set<Integer> rejected = new TreeSet<>();
        report.path("rejected").forEach(item -> {
            rejected.add(item.path("index").asInt());
            String message = item.path("problems").path(0).path("message").asText();
            notWrittenBecause.merge(item.path("reason").asText() + ": " + message.replaceAll("\\(\\d+ calls?\\)", "(n calls)"), 1, Integer::sum);
        });
        if (rejected.size() != report.path("rejected_count").asInt()) {
            throw new AssertionError("a batch report lists fewer rejected items than it counts: " + answer.text());
        }
        int count = 0;
        for (int i = 0; i < seqs.size(); i++) {
            if (!rejected.contains(i)) {
                acknowledged.add(seqs.get(i));
                count++;
            }
        }
        if (count != report.path("accepted").asInt()) {
            throw new AssertionError("accepted " + report.path("accepted").asInt() + " but " + count + " items not rejected: " + answer.text());
        }
        return count;
    }

    /** Why batch items were not acknowledged: reason and message, counted. */
    Map<String, Integer> notWrittenBecause() {
        return new java.util.TreeMap<>(notWrittenBecause);
    }

    Set<Integer> acknowledged() {
        return new TreeSet<>(acknowledged);
    }

    synchronized List<Integer> unacknowledged() {
        List<Integer> left = new ArrayList<>();
        for (int seq : sent.keySet()) {
            if (!acknowledged.contains(seq)) {
                left.add(seq);
            }
        }
        return left;
    }

    /** How often each sequence number is stored in the table, read past any proxy (Query per router partition). */
    Map<Integer, Integer> stored(DynamoDbClient direct, String table) {
        TableProbe probe = new TableProbe(direct, table);
        Map<Integer, Integer> counts = new HashMap<>();
        for (String router : routers) {
            for (Map<String, AttributeValue> item : probe.partition(router)) {
                AttributeValue seq = item.containsKey("result") && item.get("result").hasM() ? item.get("result").m().get("seq") : null;
                if (seq != null) {
                    counts.merge(Integer.parseInt(seq.n()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The figures of a run: sent, acknowledged, found, lost, duplicated, stored without acknowledgement. */
    record Figures(int tried, int acknowledged, int found, int lost, int duplicates, int unacknowledgedStored) {

        static Figures of(ResultLedger ledger, Map<Integer, Integer> stored) {
            Set<Integer> acknowledged = ledger.acknowledged();
            int lost = (int) acknowledged.stream().filter(seq -> !stored.containsKey(seq)).count();
            int duplicates = stored.values().stream().mapToInt(n -> n - 1).sum();
            int extra = (int) stored.keySet().stream().filter(seq -> !acknowledged.contains(seq)).count();
            return new Figures(ledger.size(), acknowledged.size(), stored.size(), lost, duplicates, extra);
        }

        String line() {
            return String.format("tried=%d acknowledged=%d found=%d lost=%d duplicates=%d stored-unacknowledged=%d", tried, acknowledged,
                    found, lost, duplicates, unacknowledgedStored);
        }
    }
}
