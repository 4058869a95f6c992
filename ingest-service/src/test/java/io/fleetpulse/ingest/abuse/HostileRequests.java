package io.fleetpulse.ingest.abuse;

import static io.fleetpulse.testsupport.HostileRequest.Expect.CLIENT_ERROR;
import static io.fleetpulse.testsupport.HostileRequest.Expect.NOTHING_ACCEPTED;
import static io.fleetpulse.testsupport.HostileRequest.Expect.REFUSED_TOKEN;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.HostileRequest;
import io.fleetpulse.testsupport.HostileTokens;
import io.fleetpulse.testsupport.TestTokens;

/**
 * jqwik generators of hostile and malformed requests against ingest-service, aimed at a few victim routers
 * that already have results and a profile: wrong JSON types, numbers DynamoDB cannot store, deep nesting,
 * invalid UTF-8, {@code #} and key attribute names smuggled into ids and fields, broken JSON, impossible
 * values, wrong content types, envelopes refused whole, batches of nothing but bad items, bad tokens carrying
 * a valid result, hostile router ids in paths, unknown methods and paths. Nothing generated here may be
 * stored: every request has at least one fault the service must refuse.
 */
final class HostileRequests {

    private static final String RESULTS = "/v1/results";
    private static final String BATCH = "/v1/results/batch";
    private static final String NDJSON = "application/x-ndjson";
    /** Stands for a value spliced into the JSON text as raw bytes (a number literal, invalid UTF-8, ...). */
    private static final String HOLE = "@@HOLE@@";

    private final List<String> victims;
    private final String allRoles;
    private final String writer;
    private final List<String> refusedTokens;

    /** @param victims router ids the requests aim at (their partitions must stay as they are) */
    HostileRequests(List<String> victims) {
        this.victims = List.copyOf(victims);
        this.allRoles = TestTokens.bearer(TestTokens.allRoles());
        this.writer = TestTokens.bearer(TestTokens.writer());
        List<String> refused = new ArrayList<>(HostileTokens.invalid());
        // valid tokens without the right: no results:write, or scoped to another ISP than the results'
        refused.addAll(List.of(TestTokens.bearer(TestTokens.reader()), TestTokens.bearer(TestTokens.archiveAdmin()),
                TestTokens.bearer(TestTokens.admin()), TestTokens.bearer(TestTokens.forIsp("globex", Roles.RESULTS_WRITE))));
        this.refusedTokens = List.copyOf(refused);
    }

    /** Every kind of request, weighted; the oversize ones are in {@link #oversize()}. */
    Arbitrary<HostileRequest> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, single(wrongTypes(), "wrong JSON type")),
                Tuple.of(9, single(unstorableNumbers(), "unstorable number")),
                Tuple.of(7, deepNesting()),
                Tuple.of(9, invalidUtf8()),
                Tuple.of(10, single(keyInjection(), "key injection")),
                Tuple.of(10, malformedJson()),
                Tuple.of(10, single(badValues(), "impossible value")),
                Tuple.of(5, wrongContentTypes()),
                Tuple.of(9, badTokens()),
                Tuple.of(4, badEnvelopes()),
                Tuple.of(8, batchesOfBadItems()),
                Tuple.of(5, profiles()),
                Tuple.of(2, methodsAndPaths()));
    }

    /** Bodies over their limits: a few, each megabytes large. */
    List<HostileRequest> oversize() {
        List<HostileRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(HostileRequest.post("oversize body", RESULTS, allRoles,
                    Fixtures.json(Fixtures.with(valid(victim(i)), "raw", "r".repeat(8 * 1024 * 1024 + 1_000 * i))), CLIENT_ERROR));
        }
        requests.add(HostileRequest.post("oversize body", BATCH, allRoles, Fixtures.batch(List.of(Fixtures.with(valid(victim(0)), "raw",
                "r".repeat(33 * 1024 * 1024)))), CLIENT_ERROR));
        for (int n : List.of(1_001, 5_000)) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(valid(victim(i)));
            }
            requests.add(HostileRequest.post("oversize batch", BATCH, allRoles, Fixtures.batch(items), CLIENT_ERROR));
        }
        for (int i = 0; i < 3; i++) {
            requests.add(HostileRequest.post("oversize item", RESULTS, allRoles, Fixtures.json(Fixtures.with(valid(victim(i)), "result",
                    Map.of("blob", "b".repeat(410_000 + i * 50_000)))), CLIENT_ERROR));
        }
        return requests;
    }

    // ---- valid material ------------------------------------------------------------------------------------

    private String victim(int i) {
        return victims.get(Math.floorMod(i, victims.size()));
    }

    /** A valid result of a victim router at a fresh time: only its fault may keep it out of the table. */
    private Map<String, Object> valid(String router) {
        long secondsAgo = 60 + (System.nanoTime() & 0xFFF);
        Map<String, Object> result = Fixtures.result(router, Instant.now().minusSeconds(secondsAgo).minusNanos(System.nanoTime() % 1_000_000));
        result.put("test_id", "t-" + Long.toHexString(System.nanoTime()));
        return result;
    }

    private Arbitrary<Map<String, Object>> validResults() {
        return Arbitraries.integers().between(0, victims.size() - 1).map(i -> valid(victim(i)));
    }

    private Arbitrary<String> victimIds() {
        return Arbitraries.of(victims);
    }

    // ---- single-result faults (each a JSON text of one result) --------------------------------------------

    private Arbitrary<HostileRequest> single(Arbitrary<byte[]> bodies, String kind) {
        return bodies.map(body -> HostileRequest.post(kind, RESULTS, "application/json", allRoles, body, CLIENT_ERROR));
    }

    private static final List<String> REQUIRED_TEXT = List.of("router_id", "test_type", "timestamp", "status", "location", "isp");

    Arbitrary<byte[]> wrongTypes() {
        Arbitrary<Object> notText = Arbitraries.oneOf(Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().between(-1e9, 1e9).map(Object.class::cast), Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(List.of()), Arbitraries.just(List.of("a", 1)), Arbitraries.just(Map.of("a", 1)),
                Arbitraries.just(Map.of()));
        Arbitrary<Map<String, Object>> requiredText = Combinators.combine(validResults(), Arbitraries.of(REQUIRED_TEXT), notText)
                .as((result, field, value) -> Fixtures.with(result, field, value));
        Arbitrary<Map<String, Object>> missing = Combinators.combine(validResults(), Arbitraries.of(union(REQUIRED_TEXT, List.of("result"))))
                .as((result, field) -> Fixtures.with(result, field, null));
        Arbitrary<Map<String, Object>> optionalText = Combinators.combine(validResults(), Arbitraries.of("test_id", "raw"), notText)
                .as((result, field, value) -> Fixtures.with(result, field, value));
        Arbitrary<Map<String, Object>> resultNotObject = Combinators.combine(validResults(),
                Arbitraries.of("fast", 42, true, List.of(1, 2), List.of(Map.of("rtt_ms", 1)))).as((result, value) -> Fixtures.with(result, "result", value));
        return Arbitraries.oneOf(requiredText, missing, optionalText, resultNotObject).map(HostileRequests::json);
    }

    /** Numbers of result leaves that DynamoDB cannot store: over 38 significant digits, out of its range, not finite. */
    Arbitrary<byte[]> unstorableNumbers() {
        Arbitrary<String> manyDigits = Arbitraries.strings().withChars("123456789").ofMinLength(39).ofMaxLength(2_000);
        Arbitrary<String> bigExponent = Arbitraries.integers().between(126, 1_000_000_000).map(e -> "1e" + e);
        Arbitrary<String> tinyExponent = Arbitraries.integers().between(131, 1_000_000_000).map(e -> "1e-" + e);
        Arbitrary<String> absurdExponent = Arbitraries.of("1e2147483648", "1e-2147483649", "9.99e9999999999999999999", "1E+126");
        Arbitrary<String> literal = Arbitraries.oneOf(manyDigits, manyDigits.map(d -> "-" + d), manyDigits.map(d -> "0." + d),
                bigExponent, bigExponent.map(e -> "-" + e), tinyExponent, absurdExponent);
        return Combinators.combine(validResults(), Arbitraries.of("rtt_ms", "nested"), literal).as((result, where, number) -> {
            Map<String, Object> measurements = new LinkedHashMap<>();
            measurements.put("ok_value", 1);
            measurements.put(where, where.equals("nested") ? Map.of("deeper", List.of(1, HOLE)) : HOLE);
            return splice(json(Fixtures.with(result, "result", measurements)), number.getBytes(StandardCharsets.US_ASCII));
        });
    }

    private Arbitrary<HostileRequest> deepNesting() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(33, 5_000);
        Arbitrary<HostileRequest> inResult = Combinators.combine(validResults(), depth, Arbitraries.of("{\"a\":", "[")).as((result, levels, open) -> {
            String close = open.equals("[") ? "]" : "}";
            String nested = open.repeat(levels) + "1" + close.repeat(levels);
            return HostileRequest.post("deep nesting", RESULTS, "application/json", allRoles,
                    splice(json(Fixtures.with(result, "result", Map.of("n", HOLE))), nested.getBytes(StandardCharsets.US_ASCII)), CLIENT_ERROR);
        });
        Arbitrary<HostileRequest> wholeBody = Combinators.combine(depth, Arbitraries.of(RESULTS, BATCH)).as((levels, path) ->
                HostileRequest.post("deep nesting", path, allRoles, "[".repeat(levels) + "]".repeat(levels), CLIENT_ERROR));
        // an array where a result belongs: that item is rejected (or, past the parser's limit, the whole batch)
        Arbitrary<HostileRequest> inEnvelope = depth.map(levels -> HostileRequest.post("deep nesting", BATCH, allRoles,
                "{\"results\":" + "[".repeat(levels) + "]".repeat(levels) + "}", NOTHING_ACCEPTED));
        return Arbitraries.oneOf(inResult, wholeBody, inEnvelope);
    }

    /** Byte sequences that are not UTF-8: stray continuation bytes, overlong forms, surrogates, beyond U+10FFFF, truncated. */
    private static final List<byte[]> NOT_UTF8 = List.of(bytes(0xFF), bytes(0xFE), bytes(0x80), bytes(0xC0, 0xAF), bytes(0xC1, 0xBF),
            bytes(0xE0, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0xC3), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98));
    /** Escapes that are valid JSON but not Unicode text: lone surrogates. */
    private static final List<String> LONE_SURROGATES = List.of("\\ud800", "\\udfff", "\\ud800x", "x\\udc00", "\\udbff\\ud800");

    private Arbitrary<HostileRequest> invalidUtf8() {
        Arbitrary<String> field = Arbitraries.of("router_id", "test_type", "status", "location", "isp", "test_id", "raw", "result value",
                "result name");
        Arbitrary<byte[]> broken = Arbitraries.oneOf(Arbitraries.of(NOT_UTF8),
                Arbitraries.of(LONE_SURROGATES).map(text -> text.getBytes(StandardCharsets.US_ASCII)));
        Arbitrary<byte[]> bodies = Combinators.combine(validResults(), field, broken).as((result, where, bad) -> {
            byte[] value = concat("ab".getBytes(StandardCharsets.US_ASCII), bad, "cd".getBytes(StandardCharsets.US_ASCII));
            Map<String, Object> doc = switch (where) {
                case "result value" -> Fixtures.with(result, "result", Map.of("note", HOLE));
                case "result name" -> Fixtures.with(result, "result", Map.of(HOLE, 1));
                default -> Fixtures.with(result, where, HOLE);
            };
            // the hole is a JSON string: keep its quotes, replace what is between them
            return splice(json(doc), concat(bytes('"'), value, bytes('"')));
        });
        Arbitrary<HostileRequest> single = bodies.map(body -> HostileRequest.post("invalid UTF-8", RESULTS, "application/json", allRoles, body, CLIENT_ERROR));
        Arbitrary<HostileRequest> lines = bodies.list().ofMinSize(1).ofMaxSize(5).map(items -> HostileRequest.post("invalid UTF-8", BATCH, NDJSON, allRoles,
                ndjson(items), NOTHING_ACCEPTED));
        Arbitrary<HostileRequest> batch = bodies.list().ofMinSize(1).ofMaxSize(5).map(items -> HostileRequest.post("invalid UTF-8", BATCH,
                "application/json", allRoles, jsonBatch(items), NOTHING_ACCEPTED));
        return Arbitraries.oneOf(single, lines, batch);
    }

    /** {@code #} and key attributes smuggled into ids, names and fields of a victim's result. */
    Arbitrary<byte[]> keyInjection() {
        Arbitrary<String> suffix = Arbitraries.of("#TEST#2026-03-01T10:00:00.000000000Z#t1", "#PROFILE#", "#LATEST#latency",
                "#AGG#DAY#2026-03-01", "#", "#SHARD#00", "%23PROFILE%23", "\uFF03PROFILE");
        Arbitrary<Map<String, Object>> inIds = Combinators.combine(validResults(),
                Arbitraries.of("router_id", "test_id", "location", "isp", "test_type"), suffix)
                .as((result, field, tail) -> Fixtures.with(result, field, result.getOrDefault(field, "x") + tail));
        Arbitrary<Map<String, Object>> prefixed = Combinators.combine(validResults(), Arbitraries.of("ROUTER#", "FLEET#", "REGISTRY#"))
                .as((result, prefix) -> Fixtures.with(result, "router_id", prefix + result.get("router_id")));
        Arbitrary<Map<String, Object>> keyFields = Combinators.combine(validResults(),
                Arbitraries.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI3PK", "entity", "expires_at", "raw_ref", "pk", "Router_id",
                        "router_id ", "__proto__", "$where"), victimIds())
                .as((result, field, victim) -> Fixtures.with(result, field, "ROUTER#" + victim));
        Arbitrary<Map<String, Object>> resultNames = Combinators.combine(validResults(),
                Arbitraries.of("a#b", "a.b", "$set", "a b", "", "1st", "a-b", "x".repeat(65), "rtt_ms#PROFILE#", "é"))
                .as((result, name) -> Fixtures.with(result, "result", Map.of(name, 1)));
        return Arbitraries.oneOf(inIds, prefixed, keyFields, resultNames).map(HostileRequests::json);
    }

    private Arbitrary<HostileRequest> malformedJson() {
        Arbitrary<String> validText = validResults().map(Fixtures::json);
        Arbitrary<String> truncated = validText.flatMap(text -> Arbitraries.integers().between(1, text.length() - 1).map(cut -> text.substring(0, cut)));
        Arbitrary<String> trailing = Combinators.combine(validText, Arbitraries.of("}", "]", ",", "x", "{}", " 1", "\"", "null", "{\"a\":1}"))
                .as(String::concat);
        Arbitrary<String> leading = Combinators.combine(Arbitraries.of("x", ")]}'\n", ",", "]", "\"", "//\n", "/*c*/"), validText)
                .as(String::concat);
        Arbitrary<String> duplicated = Combinators.combine(validText, Arbitraries.of("status", "router_id", "result", "test_id"))
                .as((text, key) -> text.replaceFirst("\\{", "{\"" + key + "\":\"failed\","));
        Arbitrary<String> rewritten = Combinators.combine(validText, Arbitraries.of("quotes", "nan", "infinity", "leading zero", "comment",
                "control character", "unterminated", "hex", "plus")).as((text, how) -> switch (how) {
                    case "quotes" -> text.replace('"', '\'');
                    case "nan" -> text.replace("\"rtt_ms\":12.5", "\"rtt_ms\":NaN");
                    case "infinity" -> text.replace("\"rtt_ms\":12.5", "\"rtt_ms\":-Infinity");
                    case "leading zero" -> text.replace("\"rtt_ms\":12.5", "\"rtt_ms\":012.5");
                    case "comment" -> text.replaceFirst("\\{", "{/* hi */");
                    case "control character" -> text.replace("\"berlin\"", "\"ber\u0001lin\"");
                    case "unterminated" -> text.replace("\"berlin\"", "\"berlin");
                    case "hex" -> text.replace("\"rtt_ms\":12.5", "\"rtt_ms\":0x1F");
                    default -> text.replace("\"rtt_ms\":12.5", "\"rtt_ms\":+12.5");
                });
        Arbitrary<String> garbage = Arbitraries.strings().ofMinLength(1).ofMaxLength(300).filter(text -> !text.isBlank() && !text.trim().startsWith("{"));
        Arbitrary<String> text = Arbitraries.oneOf(truncated, trailing, leading, duplicated, rewritten, garbage,
                Arbitraries.of("", " ", "\n", "{", "}", "[", "null", "true", "\"text\"", "42"));
        Arbitrary<HostileRequest> single = text.map(body -> HostileRequest.post("malformed JSON", RESULTS, allRoles, body, CLIENT_ERROR));
        Arbitrary<HostileRequest> batch = text.map(body -> HostileRequest.post("malformed JSON", BATCH, allRoles, "{\"results\":[" + body + "]}", NOTHING_ACCEPTED));
        Arbitrary<HostileRequest> lines = text.filter(body -> !body.isBlank() && !body.contains("\n") && !body.contains("\r"))
                .list().ofMinSize(1).ofMaxSize(20)
                .map(items -> HostileRequest.post("malformed JSON", BATCH, NDJSON, allRoles,
                        String.join("\n", items).getBytes(StandardCharsets.UTF_8), NOTHING_ACCEPTED));
        return Arbitraries.oneOf(single, batch, lines);
    }

    /** Values of the right JSON type that no rule allows. */
    Arbitrary<byte[]> badValues() {
        Instant now = Instant.now();
        Arbitrary<Object> timestamps = Arbitraries.oneOf(
                Arbitraries.of("", "yesterday", "2026-02-30T10:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                        "0000-01-01T00:00:00Z", "2026-03-01T10:00:00", "1767225600000", "2026-03-01T25:00:00Z", "\u0000", "null",
                        "2026-03-01T10:00:00Z\u0000"),
                Arbitraries.longs().between(Duration.ofMinutes(6).toSeconds(), Duration.ofDays(365L * 5000).toSeconds())
                        .map(ahead -> now.plusSeconds(ahead).toString()),
                Arbitraries.longs().between(Duration.ofDays(91).toSeconds(), Duration.ofDays(365L * 1000).toSeconds())
                        .map(ago -> now.minusSeconds(ago).toString()));
        Arbitrary<Object> ids = Arbitraries.oneOf(Arbitraries.of("", "-x", "_x", ".x", " x", "x ", "x\u0000y", "x\ny", "x\ty", "r\u043euter",
                "router\uD83D\uDE80", "../../etc/passwd", "x/y", "x?y", "x y", "x\u200by", "x\\y", "%00", "<script>"),
                Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(3_000));
        Arbitrary<Object> testTypes = Arbitraries.of("", "Latency", "1abc", "x".repeat(33), "lat-ency", "lat ency", "_x", "latency\n");
        Arbitrary<Object> statuses = Arbitraries.of("", "OK", "okay", "failed ", "null", "0", "s".repeat(1_000), "FAILED");
        Arbitrary<Map<String, Object>> changed = Arbitraries.oneOf(
                Combinators.combine(validResults(), timestamps).as((r, v) -> Fixtures.with(r, "timestamp", v)),
                Combinators.combine(validResults(), Arbitraries.of("router_id", "test_id", "location", "isp"), ids)
                        .as((r, field, v) -> Fixtures.with(r, field, v)),
                Combinators.combine(validResults(), testTypes).as((r, v) -> Fixtures.with(r, "test_type", v)),
                Combinators.combine(validResults(), statuses).as((r, v) -> Fixtures.with(r, "status", v)),
                Combinators.combine(validResults(), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20))
                        .as((r, name) -> Fixtures.with(r, "unknown_" + name, 1)));
        return changed.map(HostileRequests::json);
    }

    private Arbitrary<HostileRequest> wrongContentTypes() {
        return Combinators.combine(validResults(), Arbitraries.of("text/plain", "application/xml", "application/octet-stream",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/json", "image/png", "application/json-seq",
                "application/jsonx", "text/html; charset=utf-8"), Arbitraries.of(RESULTS, BATCH)).as((result, type, path) -> {
                    String body = path.equals(RESULTS) ? Fixtures.json(result) : Fixtures.batch(List.of(result));
                    return HostileRequest.post("wrong content type", path, type, allRoles,
                            body.getBytes(StandardCharsets.UTF_8), CLIENT_ERROR);
                });
    }

    /** A valid result (or profile) with a token that must not let it through. */
    private Arbitrary<HostileRequest> badTokens() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(refusedTokens), Arbitraries.just((String) null));
        return Combinators.combine(validResults(), token, Arbitraries.of("single", "json batch", "ndjson", "profile")).as((result, auth, where) ->
                switch (where) {
                    case "single" -> HostileRequest.post("bad token", RESULTS, auth, Fixtures.json(result), REFUSED_TOKEN);
                    case "json batch" -> HostileRequest.post("bad token", BATCH, auth, Fixtures.batch(List.of(result)), REFUSED_TOKEN);
                    case "ndjson" -> HostileRequest.post("bad token", BATCH, NDJSON, auth,
                            Fixtures.ndjson(List.of(result)).getBytes(StandardCharsets.UTF_8), REFUSED_TOKEN);
                    default -> new HostileRequest("bad token", "PUT", "/v1/routers/" + result.get("router_id"), "application/json", auth,
                            Fixtures.json(profile("globex")).getBytes(StandardCharsets.UTF_8), REFUSED_TOKEN);
                });
    }

    /** Envelopes refused whole, around valid items that must therefore not be written either. */
    private Arbitrary<HostileRequest> badEnvelopes() {
        return Combinators.combine(validResults().list().ofMinSize(1).ofMaxSize(5), Arbitraries.of("object", "string", "null", "extra field",
                "array body", "no results", "misspelt", "trailing", "twice", "number")).as((items, how) -> {
                    String array = Fixtures.json(items);
                    String body = switch (how) {
                        case "object" -> "{\"results\":" + Fixtures.json(items.get(0)) + "}";
                        case "string" -> "{\"results\":\"" + array.replace("\"", "\\\"") + "\"}";
                        case "null" -> "{\"results\":null}";
                        case "extra field" -> "{\"results\":" + array + ",\"more\":1}";
                        case "array body" -> array;
                        case "no results" -> "{}";
                        case "misspelt" -> "{\"result\":" + array + "}";
                        case "trailing" -> "{\"results\":" + array + "}{}";
                        case "twice" -> "{\"results\":" + array + ",\"results\":" + array + "}";
                        default -> "7";
                    };
                    return HostileRequest.post("bad batch envelope", BATCH, allRoles, body, CLIENT_ERROR);
                });
    }

    /** Batches (JSON and NDJSON) of nothing but invalid items: reported one by one, none stored. */
    private Arbitrary<HostileRequest> batchesOfBadItems() {
        Arbitrary<byte[]> item = Arbitraries.oneOf(wrongTypes(), unstorableNumbers(), keyInjection(), badValues());
        Arbitrary<List<byte[]>> items = item.list().ofMinSize(1).ofMaxSize(30);
        return Combinators.combine(items, Arbitraries.of("application/json", NDJSON)).as((list, type) -> HostileRequest.post("batch of bad items",
                BATCH, type, allRoles, type.equals(NDJSON) ? ndjson(list) : jsonBatch(list), NOTHING_ACCEPTED));
    }

    private static Map<String, Object> profile(String isp) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("model", "X1");
        profile.put("firmware", "9.9-hostile");
        profile.put("location", "berlin");
        profile.put("isp", isp);
        return profile;
    }

    /** PUT /v1/routers/{id}: hostile ids in the path, or a victim's id with a hostile profile. */
    private Arbitrary<HostileRequest> profiles() {
        Arbitrary<String> badPathIds = Arbitraries.oneOf(
                victimIds().map(v -> v + "%23PROFILE%23"), victimIds().map(v -> "ROUTER%23" + v), victimIds().map(v -> v + "%00"),
                victimIds().map(v -> v + "%0A"), Arbitraries.of("%01", "-x", "%20x", "x%20y", "%E2%80%8B", "%FF%FE", "%C0%AF", "%ED%A0%80",
                        "x".repeat(65), "%2e%2e", "..%2F..%2Fetc", "r%D0%BEuter"),
                Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(1_000));
        Arbitrary<HostileRequest> badPath = badPathIds.map(id -> new HostileRequest("router id in path", "PUT", "/v1/routers/" + id, "application/json",
                allRoles, Fixtures.json(profile("acme")).getBytes(StandardCharsets.UTF_8), CLIENT_ERROR));
        Arbitrary<Object> notText = Arbitraries.of(7, true, List.of(), Map.of("a", 1));
        Arbitrary<HostileRequest> badBody = Combinators.combine(victimIds(), Arbitraries.of("model", "firmware", "location", "isp", "router_id",
                "registered_at", "PK", "unknown")).flatAs((victim, field) -> {
                    // free text (model, firmware) may hold anything printable up to 256 characters; ids follow the id rule
                    Arbitrary<Object> wrong = switch (field) {
                        case "model", "firmware" -> Arbitraries.oneOf(notText, Arbitraries.of("a\u0001b", "m".repeat(257), "tab\there"));
                        case "registered_at" -> Arbitraries.oneOf(notText, Arbitraries.of("", "x#y", "yesterday", "+99999-01-01T00:00:00Z"));
                        default -> Arbitraries.oneOf(notText, Arbitraries.of("", "x#y", "a\u0001b", "x".repeat(65), "ROUTER#" + victim));
                    };
                    return wrong.map(value -> new HostileRequest("hostile profile", "PUT", "/v1/routers/" + victim, "application/json", allRoles,
                            json(Fixtures.with(profile("acme"), field, value)), CLIENT_ERROR));
                });
        Arbitrary<HostileRequest> missing = Combinators.combine(victimIds(), Arbitraries.of("location", "isp"))
                .as((victim, field) -> new HostileRequest("hostile profile", "PUT", "/v1/routers/" + victim, "application/json", allRoles,
                        json(Fixtures.with(profile("acme"), field, null)), CLIENT_ERROR));
        Arbitrary<HostileRequest> foreignIsp = victimIds().map(victim -> new HostileRequest("hostile profile", "PUT", "/v1/routers/" + victim,
                "application/json", TestTokens.bearer(TestTokens.forIsp("globex", Roles.RESULTS_WRITE)),
                Fixtures.json(profile("globex")).getBytes(StandardCharsets.UTF_8), REFUSED_TOKEN));
        return Arbitraries.oneOf(badPath, badBody, missing, foreignIsp);
    }

    private Arbitrary<HostileRequest> methodsAndPaths() {
        Arbitrary<HostileRequest> methods = Combinators.combine(Arbitraries.of("DELETE", "PATCH", "PUT", "GET"), Arbitraries.of(RESULTS, BATCH))
                .as((method, path) -> new HostileRequest("method or path", method, path, "application/json", allRoles,
                        method.equals("GET") ? new byte[0] : "{}".getBytes(StandardCharsets.UTF_8), CLIENT_ERROR));
        Arbitrary<HostileRequest> hotKeys = Arbitraries.of("-1", "0", "101", "abc", "1e9", "99999999999999999999", "%00", "10%20OR%201=1", "1.5")
                .map(limit -> new HostileRequest("method or path", "GET", "/v1/admin/hot-keys?limit=" + limit, null, allRoles, new byte[0], CLIENT_ERROR));
        Arbitrary<HostileRequest> paths = Arbitraries.of("/v1/nothing", "/v1/results/%2e%2e/admin/hot-keys", "/V1/results", "/v1/routers/",
                "/v1/routers", "/v2/results", "/v1/results/batch/x", "/v1/admin", "/v1/admin/hot-keys/" + "x".repeat(100))
                .map(path -> new HostileRequest("method or path", "GET", path, null, writer, new byte[0], CLIENT_ERROR));
        Arbitrary<HostileRequest> deletes = victimIds().map(victim -> new HostileRequest("method or path", "DELETE", "/v1/routers/" + victim, null, allRoles,
                new byte[0], CLIENT_ERROR));
        return Arbitraries.oneOf(methods, hotKeys, paths, deletes);
    }

    // ---- bytes ---------------------------------------------------------------------------------------------

    private static byte[] json(Map<String, Object> document) {
        return Fixtures.json(document).getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON text with its (single) {@link #HOLE} string, quotes included, replaced by {@code raw}. */
    private static byte[] splice(byte[] json, byte[] raw) {
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + HOLE + "\"");
        if (at < 0) {
            throw new IllegalStateException("no hole in " + text);
        }
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + HOLE.length() + 2).getBytes(StandardCharsets.UTF_8);
        return concat(before, raw, after);
    }

    private static byte[] ndjson(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] jsonBatch(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"results\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
