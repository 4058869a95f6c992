package io.fleetpulse.query.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.keys.TimeKey;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration LOOKBACK = Duration.ofDays(90);
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void defaultsAreTheRetentionWindowUpToNowPlusSkew() {
        TimeRange range = TimeRange.resolve(null, null, NOW, LOOKBACK, SKEW);
        assertThat(range.to()).isEqualTo(NOW.plus(SKEW));
        assertThat(range.from()).isEqualTo(NOW.plus(SKEW).minus(LOOKBACK));
    }

    @Test
    void onlyFromOrOnlyTo() {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(TimeRange.resolve(from, null, NOW, LOOKBACK, SKEW)).isEqualTo(new TimeRange(from, NOW.plus(SKEW)));
        Instant to = Instant.parse("2026-03-05T00:00:00Z");
        assertThat(TimeRange.resolve(null, to, NOW, LOOKBACK, SKEW)).isEqualTo(new TimeRange(to.minus(LOOKBACK), to));
    }

    @Test
    void fromMustBeBeforeToAndTheErrorNamesFrom() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        for (Instant from : new Instant[] { t, t.plusSeconds(1) }) {
            assertThatThrownBy(() -> TimeRange.resolve(from, t, NOW, LOOKBACK, SKEW))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors()).extracting(InputError::parameter).containsExactly("from"));
        }
        assertThatThrownBy(() -> TimeRange.resolve(NOW.plus(Duration.ofHours(1)), null, NOW, LOOKBACK, SKEW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("default end");
    }

    @Test
    void defaultsStayInsideTheKeyFormat() {
        TimeRange range = TimeRange.resolve(null, TimeKey.MIN.plusSeconds(60), NOW, LOOKBACK, SKEW);
        assertThat(range.from()).isEqualTo(TimeKey.MIN);
    }

    @Test
    void historicalWhenTheRangeEndedLongEnoughAgo() {
        TimeRange old = new TimeRange(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(2)));
        TimeRange recent = new TimeRange(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(30)));
        assertThat(old.endedBefore(NOW, Duration.ofHours(1))).isTrue();
        assertThat(recent.endedBefore(NOW, Duration.ofHours(1))).isFalse();
    }
}
