package io.fleetpulse.simulator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.simulator.config.SimulatorOptions.FleetShape;
import io.fleetpulse.simulator.config.SimulatorOptions.Traffic;
import io.fleetpulse.simulator.fleet.DailyRhythm;
import io.fleetpulse.simulator.fleet.Router;
import io.fleetpulse.simulator.json.Json;

class PlanGeneratorTest {

    static final Instant EPOCH = Instant.parse("2026-03-02T00:00:00Z");
    static final Duration RETENTION = Duration.ofDays(90);

    static FleetShape shape(long seed) {
        return new FleetShape(200, 6, seed, EPOCH, Duration.ofHours(24), "tst");
    }

    static List<Payload> payloads(TrafficPlan plan) {
        List<Payload> all = new ArrayList<>();
        plan.requests().forEach(request -> all.addAll(request.payloads()));
        return all;
    }

    @Test
    void theSameSeedGivesTheSamePayloadsByteForByte() {
        TrafficPlan first = PlanGenerator.generate(shape(7), Traffic.defaults(), 5_000);
        TrafficPlan second = PlanGenerator.generate(shape(7), Traffic.defaults(), 5_000);

        assertThat(second.requests()).hasSameSizeAs(first.requests());
        for (int i = 0; i < first.requests().size(); i++) {
            Request a = first.requests().get(i);
            Request b = second.requests().get(i);
            assertThat(b.type()).isEqualTo(a.type());
            assertThat(b.body()).as("request %d", i).isEqualTo(a.body());
        }
        assertThat(second.fleet().routers()).isEqualTo(first.fleet().routers());
        assertThat(second.counts()).isEqualTo(first.counts());
    }

    @Test
    void anotherSeedGivesOtherPayloads() {
        TrafficPlan first = PlanGenerator.generate(shape(7), Traffic.defaults(), 2_000);
        TrafficPlan other = PlanGenerator.generate(shape(8), Traffic.defaults(), 2_000);

        assertThat(other.requests().get(0).body()).isNotEqualTo(first.requests().get(0).body());
        assertThat(other.fleet().routers()).isNotEqualTo(first.fleet().routers());
    }

    @Test
    void theInvalidShareIsAsAskedAndEveryInvalidPayloadBreaksARule() {
        Traffic traffic = new Traffic(0.05, 0.03, 0.05, 0.02, 20, 0.10, 0.30, 200);
        TrafficPlan plan = PlanGenerator.generate(shape(11), traffic, 10_000);
        List<Payload> all = payloads(plan);

        long invalid = all.stream().filter(p -> p.kind() == Payload.Kind.INVALID).count();
        assertThat(invalid).isEqualTo(plan.counts().invalid());
        // binomial: mean 500, sd 22; 4 sd either side
        assertThat(invalid).isBetween(410L, 590L);
        Set<InvalidKind> kinds = new HashSet<>();
        for (Payload payload : all) {
            if (payload.kind() == Payload.Kind.INVALID) {
                kinds.add(payload.invalid());
                assertThat(breaksARule(payload)).as("%s: %s", payload.invalid(), payload.text()).isTrue();
            } else {
                assertThat(breaksARule(payload)).as(payload.text()).isFalse();
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(InvalidKind.values());
    }

    /** What ingest would say: not readable as a result (strictly, like ingest), or a validation violation. */
    private static boolean breaksARule(Payload payload) {
        TestResult result;
        try {
            result = Json.MAPPER.readerFor(TestResult.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(payload.json());
        } catch (java.io.IOException unreadable) {
            return true;
        }
        return !Validation.testResult(result, EPOCH, RETENTION).isEmpty();
    }

    @Test
    void duplicatesAreExactCopiesOfEarlierOriginalsInTheAskedShare() {
        Traffic traffic = new Traffic(0.02, 0.06, 0.05, 0.02, 20, 0.10, 0.30, 200);
        TrafficPlan plan = PlanGenerator.generate(shape(12), traffic, 10_000);
        List<Payload> byOrdinal = payloads(plan);
        byOrdinal.sort(java.util.Comparator.comparingLong(Payload::ordinal));

        Map<String, Long> originalOrdinal = new HashMap<>();
        long duplicates = 0;
        for (Payload payload : byOrdinal) {
            if (payload.kind() == Payload.Kind.ORIGINAL) {
                assertThat(originalOrdinal.put(payload.key(), payload.ordinal())).as("keys of originals are unique").isNull();
            } else if (payload.kind() == Payload.Kind.DUPLICATE) {
                duplicates++;
                assertThat(originalOrdinal).containsKey(payload.key());
                assertThat(originalOrdinal.get(payload.key())).isLessThan(payload.ordinal());
            }
        }
        assertThat(duplicates).isEqualTo(plan.counts().duplicates());
        // mean 600, sd 24
        assertThat(duplicates).isBetween(500L, 700L);
        assertThat(plan.counts().originals() + plan.counts().duplicates() + plan.counts().invalid()).isEqualTo(10_000);
    }

    @Test
    void requestsFitTheirTypeAndLeaveInOrder() {
        TrafficPlan plan = PlanGenerator.generate(shape(13), Traffic.defaults(), 10_000);
        long lastOrdinal = -1;
        for (Request request : plan.requests()) {
            assertThat(request.payloads()).hasSizeBetween(1, 200);
            if (request.type() == Request.Type.JSON_BATCH) {
                assertThat(request.payloads()).noneMatch(p -> p.invalid() == InvalidKind.NOT_JSON);
                assertThat(Json.tree(request.body()).path("results").size()).isEqualTo(request.payloads().size());
            }
            long last = request.payloads().get(request.payloads().size() - 1).ordinal();
            assertThat(last).isGreaterThan(lastOrdinal);
            lastOrdinal = last;
        }
        assertThat(plan.counts().singles()).isPositive();
        assertThat(plan.counts().jsonBatches()).isPositive();
        assertThat(plan.counts().ndjsonBatches()).isPositive();
    }

    @Test
    void resultsFollowTheDailyRhythmInTheWindowAndHotRoutersAreChatty() {
        TrafficPlan plan = PlanGenerator.generate(shape(14), Traffic.defaults(), 10_000);
        int[] byHour = new int[24];
        Map<String, Integer> byRouter = new HashMap<>();
        Instant previous = Instant.MIN;
        for (Payload payload : payloads(plan).stream().sorted(java.util.Comparator.comparingLong(Payload::ordinal)).toList()) {
            if (payload.kind() != Payload.Kind.ORIGINAL) {
                continue;
            }
            Instant at = payload.result().timestamp();
            assertThat(at).isBetween(plan.windowStart(), plan.windowEnd().minusMillis(1));
            assertThat(at).as("originals are sent in time order").isAfterOrEqualTo(previous);
            previous = at;
            byHour[DailyRhythm.hourOf(at)]++;
            byRouter.merge(payload.result().routerId(), 1, Integer::sum);
        }
        assertThat(byHour[20]).isGreaterThan(byHour[3] * 5);
        List<Router> hot = plan.fleet().hotRouters();
        assertThat(hot).hasSize(4);
        double hotMean = hot.stream().mapToInt(r -> byRouter.getOrDefault(r.id(), 0)).average().orElseThrow();
        double coldMean = plan.fleet().routers().stream().filter(r -> !r.hot()).mapToInt(r -> byRouter.getOrDefault(r.id(), 0))
                .average().orElseThrow();
        assertThat(hotMean).isGreaterThan(coldMean * 10);
    }
}
