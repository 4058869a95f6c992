package io.fleetpulse.simulator.plan;

import java.nio.charset.StandardCharsets;

import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;

/**
 * One document the simulator sends, and what the ingest-service must do with it.
 *
 * @param ordinal  position in the whole run (0, 1, ...): the pacing clock
 * @param result   the result as sent, for originals and duplicates ({@code test_id} may be absent: derived)
 * @param storedTestId the test id the stored item has: the one sent, or the one ingest derives from the content
 * @param invalid  how an invalid payload breaks the rules
 * @param json     the document's bytes (one line: it is also an NDJSON line)
 */
public record Payload(long ordinal, Kind kind, TestResult result, String storedTestId, InvalidKind invalid, byte[] json) {

    public enum Kind {
        /** A new result: must be accepted. */
        ORIGINAL,
        /** An exact copy of an earlier original (a retry): must be accepted, stored once. */
        DUPLICATE,
        /** Breaks a rule: must be rejected, with the reason of its {@link InvalidKind}. */
        INVALID
    }

    public boolean mustBeAccepted() {
        return kind != Kind.INVALID;
    }

    /** A new result. */
    public static Payload original(long ordinal, TestResult result, byte[] json) {
        String testId = result.testId() != null ? result.testId()
                : TestIds.derive(result);
        return new Payload(ordinal, Kind.ORIGINAL, result, testId, null, json);
    }

    /** The same bytes as an earlier original, sent again. */
    public Payload duplicateAt(long laterOrdinal) {
        return new Payload(laterOrdinal, Kind.DUPLICATE, result, storedTestId, null, json);
    }

    public static Payload invalid(long ordinal, InvalidKind kind, byte[] json) {
        return new Payload(ordinal, Kind.INVALID, null, null, kind, json);
    }

    /** {@code <router_id>/<test_id>}: the key of the ledger, and the archiver's event id. */
    public String key() {
        return result.routerId() + "/" + storedTestId();
    }

    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
