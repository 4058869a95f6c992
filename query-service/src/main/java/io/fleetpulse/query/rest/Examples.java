package io.fleetpulse.query.rest;

/** OpenAPI examples of the main bodies (the committed contract, docs/api/query-service.openapi.yaml, shows them). */
final class Examples {

    static final String HISTORY_PAGE = """
            {"items": [
             {"router_id": "rtr-0042", "test_id": "t-42", "test_type": "latency", "timestamp": "2026-03-01T10:00:00Z",
              "status": "ok", "location": "berlin", "isp": "acme", "result": {"rtt_ms": 12.5, "jitter_ms": 1.25, "loss_pct": 0},
              "expires_at": 1780135200, "source": "table"},
             {"router_id": "rtr-0042", "test_id": "t-41", "test_type": "latency", "timestamp": "2025-11-20T10:00:00Z",
              "status": "ok", "location": "berlin", "isp": "acme", "result": {"rtt_ms": 14.0, "jitter_ms": 2.5, "loss_pct": 0},
              "expires_at": 1771581600, "source": "archive"}],
             "next_cursor": "AgAAAAxk3v1J0l8mZ2U4bW9yZS1vcGFxdWUtYnl0ZXM", "from": "2025-03-01T00:00:00Z",
             "to": "2026-03-02T00:00:00Z", "order": "desc"}""";

    private Examples() {
    }
}
