package io.fleetpulse.model.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeysProperties {

    @Provide
    Arbitrary<Instant> instants() {
        // Whole range of the key format, with every sub-second precision from seconds to nanoseconds.
        Arbitrary<Long> seconds = Arbitraries.longs().between(TimeKey.MIN.getEpochSecond(), TimeKey.MAX.getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.oneOf(
                Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Provide
    Arbitrary<List<Instant>> instantLists() {
        return instants().list().ofMinSize(2).ofMaxSize(50);
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<Character> first = Arbitraries.chars().alpha().numeric();
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars('_', '.', ':', '-').ofMaxLength(63);
        return first.flatMap(f -> rest.map(r -> f + r));
    }

    @Property
    void resultSortKeyRoundTrips(@ForAll("instants") Instant timestamp, @ForAll("ids") String testId) {
        Keys.ResultSk parsed = Keys.parseResultSk(Keys.resultSk(timestamp, testId));
        assertThat(parsed.timestamp()).isEqualTo(timestamp);
        assertThat(parsed.testId()).isEqualTo(testId);
    }

    @Property
    void fleetIndexSortKeyRoundTrips(@ForAll("instants") Instant timestamp, @ForAll("ids") String routerId,
            @ForAll("ids") String testId) {
        Keys.FleetSk gsi1 = Keys.parseFleetSk(Keys.gsi1Sk(timestamp, routerId, testId));
        assertThat(gsi1).isEqualTo(new Keys.FleetSk(timestamp, routerId, testId));
        assertThat(Keys.parseFleetSk(Keys.gsi2Sk(timestamp, routerId, testId))).isEqualTo(gsi1);
    }

    @Property
    void typeIndexSortKeyRoundTrips(@ForAll("instants") Instant timestamp, @ForAll("ids") String testId) {
        assertThat(Keys.parseGsi3Sk(Keys.gsi3Sk(timestamp, testId))).isEqualTo(new Keys.TypeSk(timestamp, testId));
    }

    @Property
    void routerPartitionKeyRoundTrips(@ForAll("ids") String routerId) {
        assertThat(Keys.routerIdOf(Keys.routerPk(routerId))).isEqualTo(routerId);
    }

    @Property
    void sortKeyOrderIsTimeOrder(@ForAll("instantLists") List<Instant> instants,
            @ForAll("ids") String testId) {
        List<Instant> byTime = new ArrayList<>(instants);
        byTime.sort(Comparator.naturalOrder());
        List<Instant> byKey = new ArrayList<>(instants);
        byKey.sort(Comparator.comparing(i -> Keys.resultSk(i, testId)));
        assertThat(byKey).containsExactlyElementsOf(byTime);
    }

    @Property
    void rangeBoundsIncludeFromAndExcludeTo(@ForAll("instants") Instant from, @ForAll("ids") String testId) {
        String sk = Keys.resultSk(from, testId);
        assertThat(sk.compareTo(Keys.resultSkBound(from))).isPositive();
        Instant later = from.plusNanos(1);
        if (TimeKey.inRange(later)) {
            assertThat(sk.compareTo(Keys.resultSkBound(later))).isNegative();
        }
    }

    @Property
    void aggregateSortKeyRoundTrips(@ForAll("instants") Instant instant) {
        Instant safe = instant.isAfter(Instant.parse("9999-12-31T00:00:00Z")) ? Instant.parse("9999-12-31T00:00:00Z") : instant;
        for (Period period : Period.values()) {
            String sk = Keys.aggregateSk(period, safe);
            assertThat(Keys.aggregateBucketOf(period, sk)).isEqualTo(period.bucketStart(safe));
            assertThat(sk).startsWith(Keys.aggregateSkPrefix(period));
        }
    }

    @Example
    void overviewRangeHoldsLatestAndProfileButNotResultsOrAggregates() {
        String low = Keys.overviewSkLow();
        String high = Keys.overviewSkHigh();
        assertThat(Keys.latestSk("latency")).isBetween(low, high);
        assertThat(Keys.profileSk()).isBetween(low, high);
        assertThat(Keys.resultSk(Instant.parse("2026-03-01T10:00:00Z"), "t1")).isGreaterThan(high);
        assertThat(Keys.aggregateSk(Period.DAY, Instant.parse("2026-03-01T10:00:00Z"))).isLessThan(low);
    }

    @Example
    void keysHaveTheDocumentedShape() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(Keys.routerPk("12345")).isEqualTo("ROUTER#12345");
        assertThat(Keys.resultSk(t, "t1")).isEqualTo("TEST#2026-03-01T10:00:00.000000000Z#t1");
        assertThat(Keys.gsi1Pk("US-WEST", "ExampleISP", 3)).isEqualTo("LOC#US-WEST#ISP#ExampleISP#SHARD#03");
        assertThat(Keys.gsi2Pk("US-WEST")).isEqualTo("FAILED#LOC#US-WEST");
        assertThat(Keys.gsi3Pk("12345", "latency")).isEqualTo("ROUTER#12345#TYPE#latency");
        assertThat(Keys.aggregateSk(Period.HOUR, t)).isEqualTo("AGG#HOUR#2026-03-01T10");
        assertThat(Keys.aggregateSk(Period.DAY, t)).isEqualTo("AGG#DAY#2026-03-01");
        assertThat(Keys.fleetPk("US-WEST", "ExampleISP")).isEqualTo("FLEET#US-WEST#ExampleISP");
    }

    @Example
    void malformedSortKeysAreRejected() {
        assertThatThrownBy(() -> Keys.parseResultSk("PROFILE#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.parseResultSk("TEST#2026-03-01#x")).isInstanceOf(IllegalArgumentException.class);
        String time = TimeKey.format(Instant.parse("2026-03-01T10:00:00Z"));
        assertThatThrownBy(() -> Keys.parseFleetSk(time + "#r1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.parseFleetSk(time + "#r1#t1#x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.parseFleetSk("2026-03-01#r1#t1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.parseGsi3Sk(time + "#r1#t1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.parseGsi3Sk(time + "#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeKey.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
