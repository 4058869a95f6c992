package io.fleetpulse.query.it;

import static io.fleetpulse.testsupport.HostileRequest.Expect.CLIENT_ERROR;
import static io.fleetpulse.testsupport.HostileRequest.Expect.REFUSED_TOKEN;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.HostileRequest;
import io.fleetpulse.testsupport.HostileTokens;
import io.fleetpulse.testsupport.TestTokens;

/**
 * jqwik generators of hostile query-service requests around one victim router and its location: ids that break the
 * id rule in every path, parameters no rule allows (limits, orders, periods, flags, times, reversed ranges, strong
 * reads on indexes), forged cursors and real cursors tampered with or replayed on another query, bad tokens on a
 * valid query, hostile batch-get bodies, unknown methods and paths. Every request carries a fault the service must
 * refuse with a 4xx.
 */
final class HostileQueries {

    /** A valid query of the victim's data, with the token left to the caller. */
    record Target(String router, String location, String isp, String from, String to) {

        String routerResults() {
            return "/v1/routers/" + router + "/results?from=" + from + "&to=" + to;
        }

        String fleetResults() {
            return "/v1/fleet/results?location=" + location + "&isp=" + isp + "&from=" + from + "&to=" + to;
        }

        String routerAggregates() {
            return "/v1/routers/" + router + "/aggregates?period=hour&from=" + from + "&to=" + to;
        }
    }

    private final Target target;
    /** Real cursors of {@link Target#routerResults()}, {@link Target#fleetResults()} and {@link Target#routerAggregates()} (limit 2). */
    private final Map<String, String> cursors;
    private final String reader = TestTokens.bearer(TestTokens.reader());
    private final List<String> refusedTokens;

    HostileQueries(Target target, Map<String, String> cursorsByQuery) {
        this.target = target;
        this.cursors = Map.copyOf(cursorsByQuery);
        List<String> refused = new ArrayList<>(HostileTokens.invalid());
        refused.add(null); // no token
        // valid tokens without results:read
        refused.addAll(List.of(TestTokens.bearer(TestTokens.writer()), TestTokens.bearer(TestTokens.archiveAdmin())));
        this.refusedTokens = refused;
    }

    Arbitrary<HostileRequest> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, badIdsInPaths()),
                Tuple.of(30, badParameters()),
                Tuple.of(12, forgedCursors()),
                Tuple.of(12, tamperedCursors()),
                Tuple.of(10, badTokens()),
                Tuple.of(4, otherIspToken()),
                Tuple.of(10, batchGetBodies()),
                Tuple.of(4, methodsAndPaths()));
    }

    private HostileRequest get(String kind, String path) {
        return HostileRequest.get(kind, path, reader, CLIENT_ERROR);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- ids ------------------------------------------------------------------------------------------------

    /** Path segments (percent-encoded as sent) that break the id rule. */
    private Arbitrary<String> badIds() {
        return Arbitraries.oneOf(
                Arbitraries.of("%23", "x%23y", "ROUTER%23" + target.router(), target.router() + "%23PROFILE%23", "%00", "%01", "x%0Ay", "-x",
                        "_x", ".x", "%20x", "x%20y", "%FF", "%C0%AF", "r%D0%BEuter", "%E2%80%8B", "x%3Fy", "%25", "x".repeat(65)),
                Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(1_500));
    }

    private Arbitrary<HostileRequest> badIdsInPaths() {
        Arbitrary<HostileRequest> routers = Combinators.combine(badIds(), Arbitraries.of("", "/results", "/results/latest?test_type=latency",
                "/aggregates?period=day", "/results/2026-03-01T10:00:00Z/t1")).as((id, rest) -> get("bad id in path", "/v1/routers/" + id + rest));
        Arbitrary<HostileRequest> timestampsAndTests = Combinators.combine(Arbitraries.of("not-a-time", "%23", "2026-13-01T00:00:00Z",
                "2026-03-01T10:00:00", "99999-01-01T00:00:00Z", "2026-03-01T10:00:00Z"), Arbitraries.of("t1", "bad%23id", "%00", "x".repeat(65),
                "-t")).as((ts, id) -> get("bad id in path", "/v1/routers/" + target.router() + "/results/" + ts + "/" + id));
        Arbitrary<HostileRequest> fleet = Combinators.combine(badIds(), Arbitraries.of("location", "isp"), Arbitraries.of("results",
                "aggregates", "failures")).as((id, which, view) -> {
                    String location = which.equals("location") ? id : target.location();
                    String isp = which.equals("isp") ? id : target.isp();
                    String query = view.equals("failures") ? "location=" + (which.equals("location") ? id : "%23" + id)
                            : "location=" + location + "&isp=" + isp;
                    return get("bad id in query", "/v1/fleet/" + view + "?" + query);
                });
        return Arbitraries.oneOf(routers, timestampsAndTests, fleet);
    }

    // ---- parameters -----------------------------------------------------------------------------------------

    private static final List<String> BAD_LIMITS = List.of("0", "-1", "1001", "1e3", "abc", "99999999999999999999", "2.5", "0x10", "%00",
            "1%20000", "NaN", "-0", "%2B%2B1");
    private static final List<String> BAD_TIMES = List.of("yesterday", "2026-13-01T00:00:00Z", "2026-03-01T25:00:00Z", "2026-03-01T10:00:00",
            "%2B999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2026-02-30", "1767225600", "%00", "now",
            "2026-03-01T10:00:00Z%00", "2026/03/01");

    private Arbitrary<HostileRequest> badParameters() {
        // without from and to (their defaults apply), so that a bad one is never a second value next to a good one
        Arbitrary<String> paths = Arbitraries.of("/v1/routers/" + target.router() + "/results",
                "/v1/fleet/results?location=" + target.location() + "&isp=" + target.isp(),
                "/v1/routers/" + target.router() + "/aggregates?period=hour", "/v1/fleet/failures?location=" + target.location(),
                "/v1/fleet/aggregates?location=" + target.location() + "&isp=" + target.isp());
        Arbitrary<String> bad = Arbitraries.oneOf(
                Arbitraries.of(BAD_LIMITS).map(v -> "limit=" + v),
                Arbitraries.of("sideways", "newest", "ascending", "1", "desc%00", "ASC%20", "asc,desc").map(v -> "order=" + v),
                Arbitraries.of(BAD_TIMES).map(v -> "from=" + v),
                Arbitraries.of(BAD_TIMES).map(v -> "to=" + v),
                Arbitraries.of("yes", "1", "0", "on", "t", "true%20").map(v -> "consistent=" + v));
        Arbitrary<HostileRequest> oneBad = Combinators.combine(paths, bad).as((path, param) ->
                get("bad parameter", path + (path.contains("?") ? "&" : "?") + param));
        Arbitrary<HostileRequest> locations = Arbitraries.oneOf(Arbitraries.of(BAD_LIMITS).map(v -> "limit=" + v),
                Arbitraries.of("yes", "1", "on").map(v -> "consistent=" + v)).map(param -> get("bad parameter", "/v1/fleet/locations?" + param));
        Arbitrary<HostileRequest> specific = Arbitraries.of(
                target.routerResults() + "&test_type=Latency", target.routerResults() + "&test_type=x%23y",
                target.routerResults() + "&test_type=" + "x".repeat(33),
                target.routerAggregates().replace("period=hour", "period=week"),
                target.routerAggregates().replace("period=hour", "period=HOUR%00"),
                "/v1/fleet/aggregates?location=" + target.location() + "&isp=" + target.isp() + "&period=minute",
                "/v1/routers/" + target.router() + "/results/latest",
                "/v1/routers/" + target.router() + "/results/latest?test_type=",
                "/v1/routers/" + target.router() + "/results/latest?test_type=latency&consistent=true",
                target.routerResults() + "&test_type=latency&consistent=true",
                target.fleetResults() + "&consistent=true",
                "/v1/fleet/failures?location=" + target.location() + "&consistent=true",
                "/v1/fleet/results?isp=" + target.isp(), "/v1/fleet/results?location=" + target.location(), "/v1/fleet/failures",
                "/v1/fleet/aggregates?location=" + target.location(),
                "/v1/routers/" + target.router() + "/results?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                "/v1/routers/" + target.router() + "/results?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z",
                "/v1/fleet/failures?location=" + target.location() + "&from=2999-01-01T00:00:00Z",
                "/v1/routers/" + target.router() + "/results?limit=0&order=sideways&from=x&to=y&consistent=maybe")
                .map(path -> get("bad parameter", path));
        return Arbitraries.oneOf(oneBad, locations, specific);
    }

    // ---- cursors --------------------------------------------------------------------------------------------

    private static final char[] BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private Arbitrary<String> queriesWithCursors() {
        return Arbitraries.of(List.copyOf(cursors.keySet()));
    }

    private Arbitrary<HostileRequest> forgedCursors() {
        Arbitrary<String> random = Arbitraries.strings().withChars(BASE64URL).ofMinLength(1).ofMaxLength(1_500);
        Arbitrary<String> randomBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600)
                .map(bytes -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        Arbitrary<String> claims = Arbitraries.of(
                "{\"pattern\":\"AP3\",\"pk\":\"ROUTER#" + target.router() + "\",\"sk\":\"TEST#2026\"}",
                "{\"p\":\"AP7\",\"positions\":[\"x\",\"y\"],\"mac\":\"00\"}", "null", "[]", "{}", "\"text\"", "1e999",
                "{\"range\":{\"from\":\"0000-01-01T00:00:00Z\",\"to\":\"9999-12-31T23:59:59Z\"}}")
                .map(json -> Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> odd = Arbitraries.of("%00", "%23", "a%20b", "====", "..", "%FF%FE", "null", "undefined", "-", "_", "%2F%2F");
        Arbitrary<String> cursor = Arbitraries.oneOf(random, randomBytes, claims, odd);
        return Combinators.combine(queriesWithCursors(), cursor).as((query, value) -> get("forged cursor",
                query + "&limit=2&cursor=" + (value.startsWith("%") || value.contains("%") ? value : encode(value))));
    }

    private Arbitrary<HostileRequest> tamperedCursors() {
        Arbitrary<HostileRequest> flipped = queriesWithCursors().flatMap(query -> {
            String real = cursors.get(query);
            return Combinators.combine(Arbitraries.integers().between(0, real.length() - 1), Arbitraries.of(BASE64URL))
                    .as((at, replacement) -> real.substring(0, at) + replacement + real.substring(at + 1))
                    .filter(tampered -> !sameBytes(tampered, real))
                    .map(tampered -> get("tampered cursor", query + "&limit=2&cursor=" + tampered));
        });
        Arbitrary<HostileRequest> cut = queriesWithCursors().flatMap(query -> {
            String real = cursors.get(query);
            return Arbitraries.integers().between(1, real.length() - 4).map(length -> get("tampered cursor",
                    query + "&limit=2&cursor=" + real.substring(0, length)));
        });
        Arbitrary<HostileRequest> extended = Combinators.combine(queriesWithCursors(), Arbitraries.strings().withChars(BASE64URL)
                .ofMinLength(4).ofMaxLength(40)).as((query, tail) -> get("tampered cursor", query + "&limit=2&cursor=" + cursors.get(query) + tail));
        // a real cursor on another query: other parameters, another router, another pattern
        Arbitrary<HostileRequest> replayed = Combinators.combine(queriesWithCursors(), Arbitraries.of(
                "/v1/routers/other-router/results?from=" + target.from() + "&to=" + target.to(),
                target.routerResults() + "&test_type=latency", target.routerResults() + "&order=asc",
                "/v1/routers/" + target.router() + "/results?from=2026-01-01T00:00:00Z&to=" + target.to(),
                target.fleetResults().replace("isp=" + target.isp(), "isp=other"), target.fleetResults(), target.routerResults(),
                target.routerAggregates(), target.routerAggregates().replace("period=hour", "period=day"),
                "/v1/fleet/failures?location=" + target.location() + "&from=" + target.from() + "&to=" + target.to(),
                "/v1/fleet/locations?x=1"))
                .as((query, other) -> query.equals(other) ? null : get("replayed cursor", other + "&limit=2&cursor=" + cursors.get(query)))
                .filter(Objects::nonNull);
        return Arbitraries.oneOf(flipped, cut, extended, replayed);
    }

    /** True when both decode to the same bytes (a change in the padding bits of the last character). */
    private static boolean sameBytes(String a, String b) {
        try {
            return Arrays.equals(Base64.getUrlDecoder().decode(a), Base64.getUrlDecoder().decode(b));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    // ---- tokens, bodies, methods ----------------------------------------------------------------------------

    private Arbitrary<HostileRequest> badTokens() {
        Arbitrary<String> queries = Arbitraries.of(target.routerResults(), target.fleetResults(), target.routerAggregates(),
                "/v1/routers/" + target.router(), "/v1/routers/" + target.router() + "/results/latest?test_type=latency",
                "/v1/fleet/aggregates?location=" + target.location() + "&isp=" + target.isp());
        return Combinators.combine(queries, Arbitraries.of(refusedTokens)).as((query, token) ->
                HostileRequest.get("bad token", query, token, REFUSED_TOKEN));
    }

    /** A reader scoped to another ISP: the victim's data must look absent (404, or a list without its items). */
    private Arbitrary<HostileRequest> otherIspToken() {
        String globex = TestTokens.bearer(TestTokens.forIsp("globex", Roles.RESULTS_READ));
        return Arbitraries.of(target.routerResults(), target.fleetResults(), target.routerAggregates(), "/v1/routers/" + target.router(),
                "/v1/routers/" + target.router() + "/results/latest?test_type=latency", "/v1/fleet/failures?location=" + target.location())
                .map(query -> HostileRequest.get(OTHER_ISP, query, globex, REFUSED_TOKEN));
    }

    static final String OTHER_ISP = "another ISP's token";

    private Arbitrary<HostileRequest> batchGetBodies() {
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.of("a#b", "", "-x", "x".repeat(65), "a\u0001b", "ROUTER#" + target.router()),
                Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(200));
        Arbitrary<String> listWithABadId = Combinators.combine(ids, Arbitraries.integers().between(0, 20))
                .as((id, valid) -> {
                    List<String> list = new ArrayList<>();
                    for (int i = 0; i < valid; i++) {
                        list.add(target.router());
                    }
                    list.add(id);
                    return "{\"router_ids\":[" + list.stream().map(HostileQueries::jsonString).collect(Collectors.joining(",")) + "]}";
                });
        Arbitrary<String> tooMany = Arbitraries.integers().between(101, 3_000).map(n -> {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add("r" + i);
            }
            return "{\"router_ids\":[" + list.stream().map(HostileQueries::jsonString).collect(Collectors.joining(",")) + "]}";
        });
        Arbitrary<String> shapes = Arbitraries.of("{\"router_ids\":[]}", "{\"router_ids\":{}}", "{\"router_ids\":\"x\"}", "{\"router_ids\":null}",
                "{\"router_ids\":[null]}", "{\"router_ids\":[[\"a\"]]}", "{}", "[]", "null", "42", "\"x\"",
                "{\"router_ids\":[", "{'router_ids':['a']}", "", "{\"router_ids\":[\"a\"],\"router_ids\":[\"b\"]}",
                "{\"router_ids\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        Arbitrary<HostileRequest> json = Arbitraries.oneOf(listWithABadId, tooMany, shapes).map(body -> HostileRequest.post("batch-get body",
                "/v1/routers/batch-get", reader, body, CLIENT_ERROR));
        Arbitrary<HostileRequest> contentTypes = Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x").map(type -> HostileRequest.post("batch-get body", "/v1/routers/batch-get", type, reader,
                ("{\"router_ids\":[\"" + target.router() + "\"]}").getBytes(StandardCharsets.UTF_8), CLIENT_ERROR));
        Arbitrary<HostileRequest> notUtf8 = Arbitraries.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC3 }, new byte[] { (byte) 0xED,
                (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xC0, (byte) 0x80 }).map(bad -> {
                    byte[] head = "{\"router_ids\":[\"a".getBytes(StandardCharsets.UTF_8);
                    byte[] tail = "b\"]}".getBytes(StandardCharsets.UTF_8);
                    byte[] body = new byte[head.length + bad.length + tail.length];
                    System.arraycopy(head, 0, body, 0, head.length);
                    System.arraycopy(bad, 0, body, head.length, bad.length);
                    System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
                    return HostileRequest.post("batch-get body", "/v1/routers/batch-get", "application/json", reader, body, CLIENT_ERROR);
                });
        return Arbitraries.oneOf(json, contentTypes, notUtf8);
    }

    private Arbitrary<HostileRequest> methodsAndPaths() {
        Arbitrary<HostileRequest> methods = Combinators.combine(Arbitraries.of("DELETE", "PUT", "PATCH", "POST"), Arbitraries.of(
                target.routerResults(), "/v1/routers/" + target.router(), target.fleetResults(), "/v1/fleet/locations"))
                .as((method, path) -> new HostileRequest("method or path", method, path, "application/json", reader,
                        "{}".getBytes(StandardCharsets.UTF_8), CLIENT_ERROR));
        Arbitrary<HostileRequest> paths = Arbitraries.of("/v1/nothing", "/v1/routers", "/v1/fleet", "/v1/fleet/everything", "/V1/fleet/locations",
                "/v2/fleet/locations", "/v1/routers/batch-get/x").map(path -> get("method or path", path));
        return Arbitraries.oneOf(methods, paths);
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
