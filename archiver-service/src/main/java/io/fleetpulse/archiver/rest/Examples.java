package io.fleetpulse.archiver.rest;

/** OpenAPI examples of the main bodies (the committed contract, docs/api/archiver-service.openapi.yaml, shows them). */
final class Examples {

    static final String RUN_REQUEST = """
            {"older_than": "P30D"}""";

    static final String RUN_ACCEPTED = """
            {"run_id": "5b0c2f6e-8d1a-4c3e-9f7b-2a6d4e1c9b30", "status": "pending", "older_than": "P30D",
             "cutoff": "2026-01-30T10:00:00Z", "created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-01T10:00:00Z",
             "exported": 0, "deleted": 0, "objects": 0}""";

    static final String RUN_SUCCEEDED = """
            {"run_id": "5b0c2f6e-8d1a-4c3e-9f7b-2a6d4e1c9b30", "status": "succeeded", "older_than": "P30D",
             "cutoff": "2026-01-30T10:00:00Z", "created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-01T10:04:12Z",
             "exported": 182340, "deleted": 182340, "objects": 96}""";

    private Examples() {
    }
}
