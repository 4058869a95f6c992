package io.fleetpulse.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fleetpulse.client.json.FleetpulseJson;

class HistoryPageTest {

    /** query-service's own example of the answer (its Examples.HISTORY_PAGE, in the committed contract). */
    private static final String PAGE = """
            {"items": [
             {"router_id": "rtr-0042", "test_id": "t-42", "test_type": "latency", "timestamp": "2026-03-01T10:00:00Z",
              "status": "ok", "location": "berlin", "isp": "acme", "result": {"rtt_ms": 12.5, "jitter_ms": 1.25, "loss_pct": 0},
              "expires_at": 1780135200, "source": "table"},
             {"router_id": "rtr-0042", "test_id": "t-41", "test_type": "latency", "timestamp": "2025-11-20T10:00:00Z",
              "status": "ok", "location": "berlin", "isp": "acme", "result": {"rtt_ms": 14.0, "jitter_ms": 2.5, "loss_pct": 0},
              "expires_at": 1771581600, "source": "archive"}],
             "next_cursor": "AgAAAAxk3v1J0l8mZ2U4bW9yZS1vcGFxdWUtYnl0ZXM", "from": "2025-03-01T00:00:00Z",
             "to": "2026-03-02T00:00:00Z", "order": "desc"}""";

    @Test
    void eachItemIsTheResultAndWhereItWasRead() throws Exception {
        HistoryPage page = FleetpulseJson.MAPPER.readValue(PAGE, HistoryPage.class);
        assertThat(page.items()).extracting(HistoryItem::source, item -> item.result().testId(), item -> item.result().timestamp())
                .containsExactly(tuple(HistoryItem.TABLE, "t-42", Instant.parse("2026-03-01T10:00:00Z")),
                        tuple(HistoryItem.ARCHIVE, "t-41", Instant.parse("2025-11-20T10:00:00Z")));
        assertThat(page.items().get(1).result().result()).containsEntry("jitter_ms", new BigDecimal("2.5"));
        assertThat(page.items().get(0).result().expiresAt()).isEqualTo(1780135200L);
        assertThat(page.nextCursor()).isNotBlank();
        assertThat(page.order()).isEqualTo("desc");
    }
}
