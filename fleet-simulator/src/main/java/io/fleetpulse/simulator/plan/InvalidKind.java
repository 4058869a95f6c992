package io.fleetpulse.simulator.plan;

/**
 * The ways a simulated payload breaks ingest's rules, and the answer each must get: the reason in a batch
 * answer and the HTTP status of a single call.
 */
public enum InvalidKind {
    ROUTER_ID_WITH_HASH("invalid", 422, true),
    MISSING_TEST_TYPE("invalid", 422, true),
    UNKNOWN_STATUS("invalid", 422, true),
    TIMESTAMP_IN_FUTURE("invalid", 422, true),
    PAST_RETENTION("expired", 422, true),
    DOTTED_RESULT_NAME("invalid", 422, true),
    UNKNOWN_FIELD("invalid", 422, true),
    TIMESTAMP_NOT_A_STRING("invalid", 422, true),
    /** Not JSON (a comma lost): only as an NDJSON line or a single call (in a JSON batch it would refuse the whole request). */
    NOT_JSON("malformed", 400, false);

    private final String reason;
    private final int singleStatus;
    private final boolean fitsJsonBatch;

    InvalidKind(String reason, int singleStatus, boolean fitsJsonBatch) {
        this.reason = reason;
        this.singleStatus = singleStatus;
        this.fitsJsonBatch = fitsJsonBatch;
    }

    /** The {@code reason} of a batch answer's rejected item. */
    public String reason() {
        return reason;
    }

    /** The status of {@code POST /v1/results} with this payload. */
    public int singleStatus() {
        return singleStatus;
    }

    public boolean fitsJsonBatch() {
        return fitsJsonBatch;
    }
}
