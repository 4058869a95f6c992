package io.fleetpulse.simulator.check;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.simulator.json.Json;

/** query-service: a router's results page by page (cursors), aggregates, the overview and the fleet view. */
public final class QueryClient {

    private final HttpJson http;

    /** Everything of a ranged listing, and how many pages it took. */
    public record Listing<T>(List<T> items, int pages) {
    }

    /** GET /v1/routers/{id}: the profile (null when unknown) and the latest result per test type. */
    public record Overview(RouterProfile profile, Map<String, TestResult> latest) {
    }

    public QueryClient(HttpJson http) {
        this.http = http;
    }

    public URI base() {
        return http.base();
    }

    /** Every result of a router in [from, to), oldest first, following next_cursor to the end. */
    public Listing<TestResult> results(String routerId, Instant from, Instant to, int pageSize) {
        return listing("/v1/routers/" + routerId + "/results", HttpJson.params("from", from.toString(), "to", to.toString(),
                "order", "asc", "limit", Integer.toString(pageSize)), TestResult.class);
    }

    /** One page of a router's results, newest first. */
    public List<TestResult> recentResults(String routerId, int limit) {
        return items(http.getJson("/v1/routers/" + routerId + "/results", HttpJson.params("limit", Integer.toString(limit))),
                TestResult.class);
    }

    public Listing<Aggregate> routerAggregates(String routerId, Period period, Instant from, Instant to) {
        return listing("/v1/routers/" + routerId + "/aggregates", HttpJson.params("period", period.wireName(), "from", from.toString(),
                "to", to.toString(), "order", "asc", "limit", "1000"), Aggregate.class);
    }

    public Listing<Aggregate> fleetAggregates(String location, String isp, Period period, Instant from, Instant to) {
        return listing("/v1/fleet/aggregates", HttpJson.params("location", location, "isp", isp, "period", period.wireName(),
                "from", from.toString(), "to", to.toString(), "order", "asc", "limit", "1000"), Aggregate.class);
    }

    /** The newest results of a location + ISP (GSI1, every shard merged). */
    public List<TestResult> fleetResults(String location, String isp, int limit) {
        return items(http.getJson("/v1/fleet/results", HttpJson.params("location", location, "isp", isp,
                "limit", Integer.toString(limit))), TestResult.class);
    }

    public Overview overview(String routerId) {
        HttpJson.Reply reply = http.get("/v1/routers/" + routerId, Map.of());
        if (reply.status() == 404) {
            return new Overview(null, Map.of());
        }
        if (reply.status() != 200) {
            throw new HttpJson.UnexpectedReply("GET /v1/routers/" + routerId + " answered " + reply.status() + ": " + reply.body());
        }
        JsonNode body = reply.json();
        Map<String, TestResult> latest = new java.util.TreeMap<>();
        body.path("latest").fields().forEachRemaining(entry -> latest.put(entry.getKey(), Json.read(entry.getValue(), TestResult.class)));
        return new Overview(Json.read(body.path("profile"), RouterProfile.class), latest);
    }

    private <T> Listing<T> listing(String path, Map<String, String> params, Class<T> type) {
        List<T> all = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            Map<String, String> page = new java.util.LinkedHashMap<>(params);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode body = http.getJson(path, page);
            all.addAll(items(body, type));
            pages++;
            cursor = body.path("next_cursor").isTextual() ? body.path("next_cursor").asText() : null;
        } while (cursor != null);
        return new Listing<>(all, pages);
    }

    private static <T> List<T> items(JsonNode page, Class<T> type) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            items.add(Json.read(item, type));
        }
        return items;
    }
}
