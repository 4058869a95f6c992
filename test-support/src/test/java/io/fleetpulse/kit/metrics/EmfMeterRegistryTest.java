package io.fleetpulse.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.testsupport.EmfDocumentRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;

class EmfMeterRegistryTest {

    private static final Duration STEP = Duration.ofMinutes(1);

    private final MockClock clock = new MockClock();
    private final List<String> lines = new ArrayList<>();
    private final EmfMeterRegistry emf = new EmfMeterRegistry("Fleetpulse", STEP, clock, lines::add);

    @Test
    void aStepBecomesDocumentsThatFollowTheFormat() {
        Counter ap1 = emf.counter("fleetpulse.ingest.consumed.wcu", "pattern", "AP1");
        Counter ap2 = emf.counter("fleetpulse.ingest.consumed.wcu", "pattern", "AP2");
        Timer writes = emf.timer("fleetpulse.ingest.write", "pattern", "AP1");
        DistributionSummary sizes = DistributionSummary.builder("fleetpulse.ingest.batch.size").baseUnit("bytes").register(emf);
        AtomicInteger inFlight = new AtomicInteger(7);
        Gauge.builder("fleetpulse.ingest.in.flight", inFlight, AtomicInteger::get).register(emf);
        Gauge.builder("fleetpulse.ingest.undefined", () -> Double.NaN).register(emf);

        ap1.increment(3);
        ap1.increment(2.5);
        ap2.increment();
        writes.record(40, TimeUnit.MILLISECONDS);
        writes.record(60, TimeUnit.MILLISECONDS);
        sizes.record(1_000);
        clock.add(STEP);
        emf.publish();

        assertThat(lines).hasSize(3); // no tags; pattern=AP1; pattern=AP2
        List<JsonNode> documents = lines.stream().map(EmfDocumentRules::check).toList();
        JsonNode untagged = documents.get(0);
        assertThat(untagged.path("fleetpulse.ingest.in.flight").asDouble()).isEqualTo(7);
        assertThat(untagged.has("fleetpulse.ingest.undefined")).as("NaN is not a number EMF accepts").isFalse();
        assertThat(untagged.path("fleetpulse.ingest.batch.size.sum").asDouble()).isEqualTo(1_000);
        assertThat(metric(untagged, "fleetpulse.ingest.batch.size.sum").path("Unit").asText()).isEqualTo("Bytes");
        assertThat(untagged.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0)).isEmpty();

        JsonNode first = documents.get(1);
        assertThat(first.path("pattern").asText()).isEqualTo("AP1");
        assertThat(first.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).get(0).asText()).isEqualTo("pattern");
        assertThat(first.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("Fleetpulse");
        assertThat(first.path("_aws").path("Timestamp").asLong()).isEqualTo(clock.wallTime());
        assertThat(first.path("fleetpulse.ingest.consumed.wcu").asDouble()).isEqualTo(5.5);
        assertThat(metric(first, "fleetpulse.ingest.consumed.wcu").path("Unit").asText()).isEqualTo("Count");
        assertThat(first.path("fleetpulse.ingest.write.count").asDouble()).isEqualTo(2);
        assertThat(first.path("fleetpulse.ingest.write.sum").asDouble()).isEqualTo(100);
        assertThat(first.path("fleetpulse.ingest.write.max").asDouble()).isEqualTo(60);
        assertThat(metric(first, "fleetpulse.ingest.write.sum").path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(documents.get(2).path("fleetpulse.ingest.consumed.wcu").asDouble()).isEqualTo(1);

        // the next step holds only what happened in it
        ap1.increment();
        clock.add(STEP);
        JsonNode next = EmfDocumentRules.check(emf.documents().get(1));
        assertThat(next.path("fleetpulse.ingest.consumed.wcu").asDouble()).isEqualTo(1);
        assertThat(next.path("fleetpulse.ingest.write.count").asDouble()).isZero();
    }

    @Test
    void theSameFiguresAsPrometheus() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(), clock);
        CompositeMeterRegistry composite = new CompositeMeterRegistry(clock);
        composite.add(prometheus);
        composite.add(emf);
        Counter rcu = composite.counter("fleetpulse.query.consumed.rcu", "pattern", "AP3");
        Timer calls = composite.timer("fleetpulse.query.call", "pattern", "AP3");
        AtomicInteger queued = new AtomicInteger();
        Gauge.builder("fleetpulse.query.queued", queued, AtomicInteger::get).register(composite);

        for (int i = 1; i <= 40; i++) {
            rcu.increment(0.5 * i);
            calls.record(i, TimeUnit.MILLISECONDS);
        }
        queued.set(12);
        clock.add(STEP);

        String scrape = prometheus.scrape();
        JsonNode ap3 = EmfDocumentRules.check(emf.documents().get(1));
        JsonNode untagged = EmfDocumentRules.check(emf.documents().get(0));
        assertThat(ap3.path("fleetpulse.query.consumed.rcu").asDouble())
                .isEqualTo(sample(scrape, "fleetpulse_query_consumed_rcu_total{pattern=\"AP3\",}")).isEqualTo(410);
        assertThat(ap3.path("fleetpulse.query.call.count").asDouble())
                .isEqualTo(sample(scrape, "fleetpulse_query_call_seconds_count{pattern=\"AP3\",}")).isEqualTo(40);
        assertThat(ap3.path("fleetpulse.query.call.sum").asDouble())
                .isCloseTo(sample(scrape, "fleetpulse_query_call_seconds_sum{pattern=\"AP3\",}") * 1000, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(untagged.path("fleetpulse.query.queued").asDouble()).isEqualTo(sample(scrape, "fleetpulse_query_queued")).isEqualTo(12);
    }

    @Test
    void aDocumentHoldsAtMostAHundredMetrics() {
        IntStream.range(0, 250).forEach(i -> emf.counter("fleetpulse.c" + i, "shard", "1").increment(i));
        clock.add(STEP);
        List<JsonNode> documents = emf.documents().stream().map(EmfDocumentRules::check).toList();
        assertThat(documents).extracting(d -> d.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").size())
                .containsExactly(100, 100, 50);
        assertThat(documents.stream().mapToDouble(d -> d.path("fleetpulse.c249").asDouble(0)).sum()).isEqualTo(249);
    }

    @Test
    void aMeterWithMoreTagsThanDimensionsIsLeftOut() {
        Tags tags = Tags.empty();
        for (int i = 0; i < EmfMeterRegistry.MAX_DIMENSIONS + 1; i++) {
            tags = tags.and("t" + i, "v");
        }
        emf.counter("fleetpulse.wide", tags).increment();
        emf.counter("fleetpulse.narrow", "t0", "v").increment();
        clock.add(STEP);
        assertThat(emf.documents()).hasSize(1).allSatisfy(line -> assertThat(line).contains("fleetpulse.narrow").doesNotContain("wide"));
    }

    private static JsonNode metric(JsonNode document, String name) {
        for (JsonNode metric : document.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")) {
            if (metric.path("Name").asText().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError(name + " not declared in " + document);
    }

    private static double sample(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(line.find()).as("%s in the Prometheus scrape:%n%s", series, scrape).isTrue();
        return Double.parseDouble(line.group(1));
    }

}
