package io.fleetpulse.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.aggregate.AggregateRetention;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.RawBlobRef;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class MappingTest {

    private final TestResultMapper mapper = new TestResultMapper(new Sharding(8));

    static TestResult result(TestStatus status) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("resolve_ms", new BigDecimal("12.5"));
        nested.put("server", "1.1.1.1");
        nested.put("hops", List.of(new BigDecimal("1"), "gw", true));
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("latency_ms", new BigDecimal("45"));
        measurements.put("jitter", new BigDecimal("2.25"));
        measurements.put("packet_loss", new BigDecimal("0.1"));
        measurements.put("ipv6", false);
        measurements.put("dns", nested);
        return new TestResult("router-1", "t-001", "latency", Instant.parse("2026-03-01T10:00:00.123456Z"), status,
                measurements, "US-WEST", "ExampleISP", "raw text", new RawBlobRef("b", "raw/router-1/2026/03/t-001", 42, "ab"),
                1_780_000_000L);
    }

    @Test
    void resultRoundTripsThroughItsItem() {
        TestResult original = result(TestStatus.OK);
        Map<String, AttributeValue> item = mapper.toItem(original);
        assertThat(TestResultMapper.fromItem(item)).isEqualTo(original);
    }

    @Test
    void resultItemCarriesEveryIndexKeyAndTtl() {
        Map<String, AttributeValue> item = mapper.toItem(result(TestStatus.OK));
        assertThat(item.get(Attr.PK).s()).isEqualTo("ROUTER#router-1");
        assertThat(item.get(Attr.SK).s()).isEqualTo("TEST#2026-03-01T10:00:00.123456000Z#t-001");
        assertThat(item.get(Attr.GSI1PK).s()).startsWith("LOC#US-WEST#ISP#ExampleISP#SHARD#");
        assertThat(item.get(Attr.GSI1SK).s()).isEqualTo("2026-03-01T10:00:00.123456000Z#router-1#t-001");
        assertThat(item.get(Attr.GSI3PK).s()).isEqualTo("ROUTER#router-1#TYPE#latency");
        assertThat(item.get(Attr.EXPIRES_AT).n()).isEqualTo("1780000000");
        assertThat(item.get(Attr.ENTITY).s()).isEqualTo("TestResult");
    }

    @Test
    void onlyFailedResultsCarrySparseIndexKeys() {
        assertThat(mapper.toItem(result(TestStatus.OK))).doesNotContainKeys(Attr.GSI2PK, Attr.GSI2SK);
        Map<String, AttributeValue> failed = mapper.toItem(result(TestStatus.FAILED));
        assertThat(failed.get(Attr.GSI2PK).s()).isEqualTo("FAILED#LOC#US-WEST");
        assertThat(failed.get(Attr.GSI2SK).s()).isEqualTo(failed.get(Attr.GSI1SK).s());
    }

    @Test
    void latestItemRoundTripsAndHasNoIndexKeys() {
        TestResult original = result(TestStatus.FAILED);
        Map<String, AttributeValue> item = mapper.toLatestItem(original);
        assertThat(item.get(Attr.SK).s()).isEqualTo("LATEST#latency");
        assertThat(item).doesNotContainKeys(Attr.GSI1PK, Attr.GSI2PK, Attr.GSI3PK);
        assertThat(TestResultMapper.fromItem(item)).isEqualTo(original);
    }

    @Test
    void profileRoundTrips() {
        RouterProfile profile = new RouterProfile("router-1", "RX-9000", "4.2.1", "US-WEST", "ExampleISP",
                Instant.parse("2025-01-01T00:00:00Z"));
        Map<String, AttributeValue> item = RouterProfileMapper.toItem(profile);
        assertThat(item.get(Attr.SK).s()).isEqualTo("PROFILE#");
        assertThat(RouterProfileMapper.fromItem(item)).isEqualTo(profile);
        RouterProfile sparse = new RouterProfile("router-2", null, null, "EU", "Other", null);
        assertThat(RouterProfileMapper.fromItem(RouterProfileMapper.toItem(sparse))).isEqualTo(sparse);
    }

    @Test
    void aggregatesRoundTripForBothScopes() {
        Map<String, MetricStats> metrics = Map.of(
                "latency_ms", new MetricStats(new BigDecimal("10"), new BigDecimal("90"), new BigDecimal("1234.5"), 30),
                "dns.resolve_ms", MetricStats.of(new BigDecimal("0.001")));
        Aggregate router = new Aggregate(AggregateScope.ROUTER, Period.DAY, Instant.parse("2026-03-01T00:00:00Z"),
                "router-1", null, null, 31, 2, metrics);
        Aggregate fleet = new Aggregate(AggregateScope.FLEET, Period.HOUR, Instant.parse("2026-03-01T10:00:00Z"),
                null, "US-WEST", "ExampleISP", 31, 2, metrics);
        assertThat(AggregateMapper.fromItem(AggregateMapper.toItem(router))).isEqualTo(router);
        assertThat(AggregateMapper.fromItem(AggregateMapper.toItem(fleet))).isEqualTo(fleet);
        // a router's stored day is the roll-up of its expired hours, kept apart from router AGG#DAY# items of earlier releases
        assertThat(AggregateMapper.toItem(router).get(Attr.SK).s()).isEqualTo("AGG#ROLLUP#DAY#2026-03-01");
        Aggregate routerHour = new Aggregate(AggregateScope.ROUTER, Period.HOUR, router.bucketStart(), "router-1", null, null, 1, 0, metrics);
        assertThat(AggregateMapper.toItem(routerHour).get(Attr.SK).s()).isEqualTo("AGG#HOUR#2026-03-01T00");
        assertThat(AggregateMapper.toItem(fleet).get(Attr.SK).s()).isEqualTo("AGG#HOUR#2026-03-01T10");
        assertThat(AggregateMapper.toItem(fleet).get(Attr.PK).s()).isEqualTo("FLEET#US-WEST#ExampleISP");
    }

    @Test
    void aggregatesExpireTheirPeriodsRetentionAfterTheirBucketEnds() {
        Instant at = Instant.parse("2026-03-01T10:17:00Z");
        Aggregate hour = new Aggregate(AggregateScope.ROUTER, Period.HOUR, at, "router-1", null, null, 1, 0, Map.of());
        Aggregate fleetHour = new Aggregate(AggregateScope.FLEET, Period.HOUR, at, null, "US-WEST", "ExampleISP", 1, 0, Map.of());
        Aggregate fleetDay = new Aggregate(AggregateScope.FLEET, Period.DAY, at, null, "US-WEST", "ExampleISP", 1, 0, Map.of());
        // the end of the hour (11:00) plus 400 days; the end of the day plus 5 x 366 days
        long hourTtl = Instant.parse("2027-04-05T11:00:00Z").getEpochSecond();
        long dayTtl = Instant.parse("2031-03-06T00:00:00Z").getEpochSecond();
        assertThat(AggregateMapper.toItem(hour).get(Attr.EXPIRES_AT).n()).isEqualTo(Long.toString(hourTtl));
        assertThat(AggregateMapper.toItem(fleetHour, 3, AppliedSequences.empty(), 4).get(Attr.EXPIRES_AT).n())
                .isEqualTo(Long.toString(hourTtl));
        assertThat(AggregateMapper.toItem(fleetDay, 3, AppliedSequences.empty(), 4).get(Attr.EXPIRES_AT).n())
                .isEqualTo(Long.toString(dayTtl));
        assertThat(AggregateRetention.HOURLY).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void numbersKeepTheirValueAndReadablePlainText() {
        assertThat(Numbers.toText(new BigDecimal("45.000"))).isEqualTo("45");
        assertThat(Numbers.toText(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(Numbers.toText(new BigDecimal("0.00012"))).isEqualTo("0.00012");
        assertThat(Numbers.toText(new BigDecimal("1E+100"))).isEqualTo("1E+100");
        assertThat(Numbers.toText(BigDecimal.ZERO.setScale(3))).isEqualTo("0");
        assertThat(AttributeValues.toObject(AttributeValues.fromObject(3.25d))).isEqualTo(new BigDecimal("3.25"));
    }
}
