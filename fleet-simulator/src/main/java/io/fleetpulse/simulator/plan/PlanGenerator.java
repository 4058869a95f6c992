package io.fleetpulse.simulator.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.simulator.config.SimulatorOptions.FleetShape;
import io.fleetpulse.simulator.config.SimulatorOptions.Traffic;
import io.fleetpulse.simulator.fleet.DailyRhythm;
import io.fleetpulse.simulator.fleet.Fleet;
import io.fleetpulse.simulator.fleet.Measurements;
import io.fleetpulse.simulator.fleet.Router;
import io.fleetpulse.simulator.fleet.TestType;
import io.fleetpulse.simulator.json.Json;
import io.fleetpulse.simulator.plan.Payload.Kind;

/**
 * Turns the options into the run's payloads and requests, deterministically: one {@link Random} seeded from the
 * options drives every choice, and nothing reads the clock (the window ends at the given epoch). The originals'
 * timestamps follow the daily rhythm over the window and are sent in time order, so the run replays the
 * window's day compressed into the sending time.
 */
public final class PlanGenerator {

    /** Duplicates copy one of the last this many originals (a retry shortly after the first send). */
    static final int DUPLICATE_HORIZON = 200;
    static final double EXPLICIT_TEST_ID_SHARE = 0.7;
    static final double RAW_SHARE = 0.05;
    /** How far outside the window the invalid timestamps lie: far enough for any run within this time of the epoch. */
    static final Duration FUTURE_OFFSET = Duration.ofDays(30);
    static final Duration PAST_OFFSET = Duration.ofDays(200);

    private final FleetShape shape;
    private final Traffic traffic;
    private final Fleet fleet;
    private final Random random;
    private final Instant windowStart;
    private final Instant windowEnd;

    private PlanGenerator(FleetShape shape, Traffic traffic) {
        this.shape = shape;
        this.traffic = traffic;
        this.fleet = Fleet.generate(shape, traffic.hotShare(), traffic.hotWeight());
        this.random = new Random(shape.seed() * 1_000_003L + 17);
        this.windowEnd = shape.epoch();
        this.windowStart = shape.epoch().minus(shape.span());
    }

    public static TrafficPlan generate(FleetShape shape, Traffic traffic, long payloads) {
        return new PlanGenerator(shape, traffic).plan(payloads);
    }

    private TrafficPlan plan(long payloads) {
        Kind[] kinds = kinds(payloads);
        long originals = Arrays.stream(kinds).filter(k -> k == Kind.ORIGINAL).count();
        Instant[] times = originalTimes((int) originals);

        List<Request> requests = new ArrayList<>();
        Deque<Payload> recent = new ArrayDeque<>();
        Batch batch = new Batch();
        int nextOriginal = 0;
        Instant now = windowStart;
        long[] counts = new long[3];
        for (long ordinal = 0; ordinal < payloads; ordinal++) {
            boolean single = random.nextDouble() < traffic.singleShare();
            Request.Type type = single ? Request.Type.SINGLE : batch.type;
            Payload payload = switch (kinds[(int) ordinal]) {
                case ORIGINAL -> {
                    now = times[nextOriginal++];
                    Payload original = original(ordinal, now);
                    recent.addLast(original);
                    if (recent.size() > DUPLICATE_HORIZON) {
                        recent.removeFirst();
                    }
                    yield original;
                }
                case DUPLICATE -> {
                    Payload copied = new ArrayList<>(recent).get(random.nextInt(recent.size()));
                    yield copied.duplicateAt(ordinal);
                }
                case INVALID -> invalid(ordinal, now, type);
            };
            counts[payload.kind().ordinal()]++;
            if (single) {
                requests.add(new Request(0, Request.Type.SINGLE, List.of(payload)));
            } else {
                batch.payloads.add(payload);
                if (batch.payloads.size() >= batch.size) {
                    requests.add(batch.request());
                    batch = new Batch();
                }
            }
        }
        if (!batch.payloads.isEmpty()) {
            requests.add(batch.request());
        }
        // a batch leaves once it is full: order by the last payload, then number them
        requests.sort(Comparator.comparingLong(r -> r.payloads().get(r.payloads().size() - 1).ordinal()));
        List<Request> numbered = new ArrayList<>(requests.size());
        long[] types = new long[3];
        for (Request request : requests) {
            numbered.add(new Request(numbered.size(), request.type(), request.payloads()));
            types[request.type().ordinal()]++;
        }
        return new TrafficPlan(fleet, numbered, new TrafficPlan.Counts(payloads, counts[0], counts[1], counts[2], types[0],
                types[1], types[2]), windowStart, windowEnd);
    }

    /** The batch being filled: its type and the size at which it leaves. */
    private final class Batch {
        final Request.Type type = random.nextDouble() < traffic.ndjsonShare() ? Request.Type.NDJSON_BATCH : Request.Type.JSON_BATCH;
        final int size = 1 + random.nextInt(traffic.maxBatch());
        final List<Payload> payloads = new ArrayList<>();

        Request request() {
            return new Request(0, type, payloads);
        }
    }

    private Kind[] kinds(long payloads) {
        if (payloads > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many payloads for one run: " + payloads);
        }
        Kind[] kinds = new Kind[(int) payloads];
        for (int i = 0; i < kinds.length; i++) {
            double draw = random.nextDouble();
            kinds[i] = i == 0 || draw >= traffic.invalidShare() + traffic.duplicateShare() ? Kind.ORIGINAL
                    : draw < traffic.invalidShare() ? Kind.INVALID : Kind.DUPLICATE;
        }
        return kinds;
    }

    /** Millisecond timestamps in the window, drawn hour by hour with the daily rhythm's weights, sorted. */
    private Instant[] originalTimes(int count) {
        List<Instant> hourStarts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (Instant hour = windowStart.truncatedTo(ChronoUnit.HOURS); hour.isBefore(windowEnd); hour = hour.plus(Duration.ofHours(1))) {
            Instant from = hour.isBefore(windowStart) ? windowStart : hour;
            Instant to = hour.plus(Duration.ofHours(1)).isAfter(windowEnd) ? windowEnd : hour.plus(Duration.ofHours(1));
            double weight = DailyRhythm.activity(DailyRhythm.hourOf(hour)) * Duration.between(from, to).toMillis() / 3_600_000.0;
            hourStarts.add(from);
            weights.add(weight);
            total += weight;
        }
        Instant[] times = new Instant[count];
        for (int i = 0; i < count; i++) {
            double point = random.nextDouble() * total;
            int slot = 0;
            while (slot < weights.size() - 1 && (point -= weights.get(slot)) >= 0) {
                slot++;
            }
            Instant from = hourStarts.get(slot);
            Instant hourEnd = from.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            Instant to = hourEnd.isAfter(windowEnd) ? windowEnd : hourEnd;
            long millis = Math.max(1, Duration.between(from, to).toMillis());
            times[i] = Instant.ofEpochMilli(from.toEpochMilli() + (long) (random.nextDouble() * millis));
        }
        Arrays.sort(times);
        return times;
    }

    private Payload original(long ordinal, Instant at) {
        TestResult result = result(at);
        return Payload.original(ordinal, result, Json.bytes(result));
    }

    private TestResult result(Instant at) {
        Router router = fleet.draw(random);
        TestType type = TestType.draw(random);
        double failure = Math.min(0.9, traffic.failureRate() * router.isp().failureFactor() * DailyRhythm.congestion(at));
        boolean failed = random.nextDouble() < failure;
        Map<String, Object> measurements = Measurements.of(type, router, at, failed, random);
        String testId = random.nextDouble() < EXPLICIT_TEST_ID_SHARE ? String.format(Locale.ROOT, "t%015x", random.nextLong() >>> 4) : null;
        String raw = type == TestType.LATENCY && random.nextDouble() < RAW_SHARE ? Measurements.traceroute(router, random) : null;
        return new TestResult(router.id(), testId, type.wire(), at, failed ? TestStatus.FAILED : TestStatus.OK, measurements,
                router.location(), router.isp().name(), raw, null, null);
    }

    /** A payload that breaks one rule; the kind fits the request it goes into. */
    private Payload invalid(long ordinal, Instant at, Request.Type type) {
        InvalidKind[] kinds = InvalidKind.values();
        InvalidKind kind;
        do {
            kind = kinds[random.nextInt(kinds.length)];
        } while (type == Request.Type.JSON_BATCH && !kind.fitsJsonBatch());
        TestResult base = result(at);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("router_id", base.routerId());
        document.put("test_type", base.testType());
        document.put("timestamp", base.timestamp().toString());
        document.put("status", base.status().wire());
        document.put("location", base.location());
        document.put("isp", base.isp());
        Map<String, Object> measurements = new LinkedHashMap<>(base.result());
        document.put("result", measurements);
        byte[] json;
        switch (kind) {
            case ROUTER_ID_WITH_HASH -> document.put("router_id", base.routerId() + "#1");
            case MISSING_TEST_TYPE -> document.remove("test_type");
            case UNKNOWN_STATUS -> document.put("status", "unknown");
            case TIMESTAMP_IN_FUTURE -> document.put("timestamp", windowEnd.plus(FUTURE_OFFSET).toString());
            case PAST_RETENTION -> document.put("timestamp", windowEnd.minus(PAST_OFFSET).toString());
            case DOTTED_RESULT_NAME -> measurements.put("dns.resolve_ms", 12.5);
            case UNKNOWN_FIELD -> document.put("colour", "blue");
            case TIMESTAMP_NOT_A_STRING -> document.put("timestamp", true);
            case NOT_JSON -> { }
            default -> throw new IllegalStateException(kind.name());
        }
        if (kind == InvalidKind.NOT_JSON) {
            // a garbled line: the comma after the first field is lost (a syntax error wherever the line is read;
            // a line cut off mid-object is answered 422 'invalid' by ingest today, not 400 'malformed')
            String text = new String(Json.bytes(document), java.nio.charset.StandardCharsets.UTF_8);
            json = text.replaceFirst(",\"", " \"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            json = Json.bytes(document);
        }
        return Payload.invalid(ordinal, kind, json);
    }
}
