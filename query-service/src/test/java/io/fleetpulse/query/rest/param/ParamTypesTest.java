package io.fleetpulse.query.rest.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.keys.Period;
import io.fleetpulse.query.service.SortOrder;

class ParamTypesTest {

    @Test
    void instantsInTheUsualSpellings() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(TimeParam.parse("2026-03-01T10:00:00Z")).contains(t);
        assertThat(TimeParam.parse("2026-03-01T10:00Z")).contains(t);
        assertThat(TimeParam.parse("2026-03-01T12:00:00+02:00")).contains(t);
        assertThat(TimeParam.parse("2026-03-01T12:00:00 02:00")).as("'+' decoded to a space").contains(t);
        assertThat(TimeParam.parse("2026-03-01T10:00:00.000000001Z")).contains(t.plusNanos(1));
        assertThat(TimeParam.parse("2026-03-01")).contains(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(TimeParam.parse("2026-03-01T10:00:00")).as("no zone").isEmpty();
        assertThat(TimeParam.parse("yesterday")).isEmpty();
        assertThat(TimeParam.parse("2026-02-30")).isEmpty();
    }

    @Test
    void aBadTextKeepsItsProblemInsteadOfThrowing() {
        assertThat(TimeParam.fromString("2026-13-01T00:00:00Z").problem()).isEqualTo(TimeParam.MALFORMED);
        assertThat(TimeParam.fromString("+10000-01-01T00:00:00Z").problem()).isEqualTo(TimeParam.OUT_OF_RANGE);
        assertThat(IdParam.fromString("bad#id").problem()).isEqualTo(IdParam.MALFORMED);
        assertThat(TestTypeParam.fromString("Latency").problem()).startsWith("must match");
        assertThat(OrderParam.fromString("newest").problem()).isNotNull();
        assertThat(PeriodParam.fromString("week").problem()).isNotNull();
        assertThat(FlagParam.fromString("yes").problem()).isNotNull();
        for (String bad : new String[] { "ten", "1.5", "99999999999" }) {
            assertThat(LimitParam.fromString(bad).value()).as(bad).isNull();
        }
    }

    @Test
    void anEmptyTextIsAbsentOrTheDefault() {
        assertThat(IdParam.fromString("").absent()).isTrue();
        assertThat(TimeParam.fromString("").absent()).isTrue();
        assertThat(LimitParam.fromString("").absent()).isTrue();
        assertThat(OrderParam.fromString("").value()).isEqualTo(SortOrder.DESC);
        assertThat(PeriodParam.fromString("").value()).isEqualTo(Period.DAY);
        assertThat(FlagParam.fromString("").value()).isFalse();
        assertThat(FlagParam.fromString("true").value()).isTrue();
        assertThat(IdParam.fromString("router-1.a:b_c").value()).isEqualTo("router-1.a:b_c");
        assertThat(LimitParam.orDefault(null, 50)).isEqualTo(50);
        assertThat(LimitParam.orDefault(LimitParam.fromString("1000"), 50)).isEqualTo(1000);
    }
}
