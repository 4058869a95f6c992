package io.fleetpulse.simulator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.simulator.json.Json;
import io.fleetpulse.simulator.plan.InvalidKind;
import io.fleetpulse.simulator.plan.Payload;

class LedgerTest {

    static TestResult result(String testId) {
        return new TestResult("r1", testId, "latency", Instant.parse("2026-03-01T10:00:00Z"), TestStatus.OK,
                Map.of("rtt_ms", new BigDecimal("12.5")), "loc", "isp", null, null, null);
    }

    static Payload original(long ordinal, TestResult result) {
        return Payload.original(ordinal, result, Json.bytes(result));
    }

    @Test
    void aResultSentTwiceIsOneResultOfTheLedger() {
        Ledger ledger = new Ledger();
        Payload first = original(0, result("t1"));
        ledger.accepted(first);
        ledger.accepted(first.duplicateAt(1));

        assertThat(ledger.acceptedPayloads()).isEqualTo(2);
        assertThat(ledger.distinctResults()).isEqualTo(1);
        assertThat(ledger.mismatchCount()).isZero();
    }

    @Test
    void withoutATestIdTheLedgerKeysTheResultByTheDerivedId() {
        Ledger ledger = new Ledger();
        TestResult sent = result(null);
        ledger.accepted(original(0, sent));

        String derived = TestIds.derive(sent);
        assertThat(ledger.holds("r1/" + derived)).isTrue();
        assertThat(ledger.results()).singleElement().extracting(TestResult::testId).isEqualTo(derived);
    }

    @Test
    void answersThatContradictThePayloadAreMismatches() {
        Ledger ledger = new Ledger();
        ledger.rejected(original(0, result("t1")), "invalid");
        Payload invalid = Payload.invalid(1, InvalidKind.PAST_RETENTION, "{}".getBytes());
        ledger.rejected(invalid, "invalid");
        ledger.accepted(Payload.invalid(2, InvalidKind.UNKNOWN_STATUS, "{}".getBytes()));
        ledger.rejected(Payload.invalid(3, InvalidKind.NOT_JSON, "{".getBytes()), "malformed");

        assertThat(ledger.mismatchCount()).isEqualTo(3);
        assertThat(ledger.mismatches()).anyMatch(m -> m.contains("r1/t1 rejected"))
                .anyMatch(m -> m.contains("PAST_RETENTION") && m.contains("expected 'expired'"))
                .anyMatch(m -> m.contains("invalid payload accepted"));
        assertThat(ledger.rejectedByReason()).containsEntry("invalid", 2L).containsEntry("malformed", 1L);
        assertThat(ledger.distinctResults()).isZero();
    }
}
