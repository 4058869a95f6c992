package io.fleetpulse.ingest.rest;

/** OpenAPI examples of the main bodies (the committed contract, docs/api/ingest-service.openapi.yaml, shows them). */
final class Examples {

    static final String RESULT = """
            {"router_id": "rtr-0042", "test_id": "t-42", "test_type": "latency", "timestamp": "2026-03-01T10:00:00Z",
             "status": "ok", "location": "berlin", "isp": "acme",
             "result": {"rtt_ms": 12.5, "jitter_ms": 1.25, "loss_pct": 0}}""";

    static final String STORED = """
            {"router_id": "rtr-0042", "test_id": "t-42", "timestamp": "2026-03-01T10:00:00Z", "pk": "ROUTER#rtr-0042",
             "sk": "TEST#2026-03-01T10:00:00.000000000Z#t-42", "expires_at": 1780135200}""";

    static final String BATCH = """
            {"results": [
             {"router_id": "rtr-0042", "test_type": "latency", "timestamp": "2026-03-01T10:00:00Z", "status": "ok",
              "location": "berlin", "isp": "acme", "result": {"rtt_ms": 12.5}},
             {"router_id": "rtr-0043", "test_type": "dns", "timestamp": "2026-03-01T10:00:00Z", "status": "failed",
              "location": "berlin", "isp": "acme", "result": {"error": "SERVFAIL"}}]}""";

    static final String BATCH_ANSWER = """
            {"accepted": 1, "rejected_count": 1,
             "rejected": [{"index": 1, "reason": "invalid", "problems": [{"pointer": "/status", "message": "is required"}]}]}""";

    static final String PROFILE = """
            {"router_id": "rtr-0042", "model": "FB-7590", "firmware": "7.57", "location": "berlin", "isp": "acme",
             "registered_at": "2026-01-15T08:30:00Z"}""";

    private Examples() {
    }
}
