package io.fleetpulse.query.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.keys.Period;
import io.fleetpulse.query.service.InputError;
import io.fleetpulse.query.service.InvalidInputException;
import io.fleetpulse.query.service.SortOrder;

class ParamsTest {

    @Test
    void instantsInTheUsualSpellings() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(Params.parseInstant("2026-03-01T10:00:00Z")).contains(t);
        assertThat(Params.parseInstant("2026-03-01T10:00Z")).contains(t);
        assertThat(Params.parseInstant("2026-03-01T12:00:00+02:00")).contains(t);
        assertThat(Params.parseInstant("2026-03-01T12:00:00 02:00")).as("'+' decoded to a space").contains(t);
        assertThat(Params.parseInstant("2026-03-01T10:00:00.000000001Z")).contains(t.plusNanos(1));
        assertThat(Params.parseInstant("2026-03-01")).contains(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(Params.parseInstant("2026-03-01T10:00:00")).as("no zone").isEmpty();
        assertThat(Params.parseInstant("yesterday")).isEmpty();
        assertThat(Params.parseInstant("2026-02-30")).isEmpty();
    }

    @Test
    void everyBadParameterIsReportedByName() {
        Params params = new Params();
        params.id("router_id", "bad#id", true);
        params.id("location", null, true);
        params.testType("test_type", "Latency", false);
        params.instant("from", "2026-13-01T00:00:00Z");
        params.instant("to", "+10000-01-01T00:00:00Z");
        params.limit("0", 50, 1000);
        params.order("newest");
        params.period("week", Period.DAY);
        params.flag("consistent", "yes");
        assertThatThrownBy(params::check).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(InputError::parameter).containsExactly(
                        "router_id", "location", "test_type", "from", "to", "limit", "order", "period", "consistent"));
    }

    @Test
    void limitBoundsAndDefaults() {
        Params params = new Params();
        assertThat(params.limit(null, 50, 1000)).isEqualTo(50);
        assertThat(params.limit("1", 50, 1000)).isEqualTo(1);
        assertThat(params.limit("1000", 50, 1000)).isEqualTo(1000);
        params.check();
        for (String bad : new String[] { "1001", "-1", "ten", "1.5", "99999999999" }) {
            Params p = new Params();
            p.limit(bad, 50, 1000);
            assertThatThrownBy(p::check).as(bad).isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
        }
    }

    @Test
    void defaultsWhenAbsent() {
        Params params = new Params();
        assertThat(params.order(null)).isEqualTo(SortOrder.DESC);
        assertThat(params.order("asc")).isEqualTo(SortOrder.ASC);
        assertThat(params.period(null, Period.DAY)).isEqualTo(Period.DAY);
        assertThat(params.period("hour", Period.DAY)).isEqualTo(Period.HOUR);
        assertThat(params.flag("consistent", null)).isFalse();
        assertThat(params.flag("consistent", "true")).isTrue();
        assertThat(params.id("router_id", "router-1.a:b_c", true)).isEqualTo("router-1.a:b_c");
        assertThat(params.cursor("")).isNull();
        params.check();
    }
}
