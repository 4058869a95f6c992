package io.fleetpulse.simulator.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;

class ResultsCheckTest {

    static TestResult result(String id, String rtt) {
        return new TestResult("r1", id, "latency", Instant.parse("2026-03-01T10:00:00Z"), TestStatus.OK,
                Map.of("rtt_ms", new BigDecimal(rtt), "target", "x"), "loc", "isp", null, null, 1L);
    }

    @Test
    void theSameResultsInAnyOrderAndSpellingMatch() {
        assertThat(ResultsCheck.diff("r1", List.of(result("a", "12.5"), result("b", "3")),
                List.of(result("b", "3.000"), result("a", "12.50")))).isEmpty();
    }

    @Test
    void missingExtraChangedAndRepeatedResultsAreNamed() {
        List<String> differences = ResultsCheck.diff("r1", List.of(result("a", "1"), result("b", "2"), result("c", "3")),
                List.of(result("a", "1"), result("a", "1"), result("c", "4"), result("z", "9")));

        assertThat(differences).hasSize(4);
        assertThat(differences.get(0)).startsWith("r1: 1 missing [b@");
        assertThat(differences.get(1)).startsWith("r1: 1 not in the ledger [z@");
        assertThat(differences.get(2)).startsWith("r1: 1 different content [c (");
        assertThat(differences.get(3)).isEqualTo("r1: 1 listed twice [a]");
    }
}
