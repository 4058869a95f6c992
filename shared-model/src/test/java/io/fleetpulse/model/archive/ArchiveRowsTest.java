package io.fleetpulse.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;

class ArchiveRowsTest {

    private static final TestResult RESULT = new TestResult("router-1", "t-1", "latency", Instant.parse("2026-03-01T10:00:00.123Z"),
            TestStatus.values()[0], Map.of("avg_ms", new BigDecimal("12.5"), "jitter", Map.of("ms", new BigDecimal("1.25"))),
            "paris", "isp-a", "raw output", null, 1_780_000_000L);

    @Test
    void aLineIsTheResultWithItsEventIdAndOrigin() {
        byte[] line = ArchiveRows.line(RESULT, ArchiveRows.FROM_RUN, Map.of(ArchiveRows.RUN_ID, "run-7"));
        JsonNode row = ArchiveRows.tree(new String(line, StandardCharsets.UTF_8));
        assertThat(row.path("router_id").asText()).isEqualTo("router-1");
        assertThat(row.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(row.path(ArchiveRows.EVENT_ID).asText()).isEqualTo("router-1/t-1");
        assertThat(row.path(ArchiveRows.ARCHIVED_FROM).asText()).isEqualTo("run");
        assertThat(row.path(ArchiveRows.RUN_ID).asText()).isEqualTo("run-7");
        assertThat(ArchiveRows.result(row)).isEqualTo(RESULT);
    }

    @Test
    void anObjectIsGzipJsonLinesReadBackInOrderWithTheSameBytesForTheSameRows() throws IOException {
        List<byte[]> lines = List.of(ArchiveRows.line(RESULT, ArchiveRows.FROM_TTL, Map.of()),
                ArchiveRows.line(RESULT.withTestId("t-2"), ArchiveRows.FROM_TTL, Map.of(ArchiveRows.REMOVED_AT, "2026-06-01T00:00:00Z")));
        byte[] body = ArchiveRows.gzip(lines);
        assertThat(ArchiveRows.gzip(lines)).isEqualTo(body);
        List<TestResult> read = new ArrayList<>();
        ArchiveRows.forEachLine(new ByteArrayInputStream(body), line -> read.add(ArchiveRows.result(ArchiveRows.tree(line))));
        assertThat(read).containsExactly(RESULT, RESULT.withTestId("t-2"));
    }
}
