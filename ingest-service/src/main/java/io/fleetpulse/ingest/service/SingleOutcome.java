package io.fleetpulse.ingest.service;

import java.util.List;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.validation.Violation;

/** The answer to one POSTed result. */
public record SingleOutcome(Kind kind, TestResult stored, String pk, String sk, RejectReason reason, List<Violation> problems) {

    public enum Kind {
        /** Written now. */
        CREATED,
        /** The same content was already stored; nothing written. */
        IDENTICAL,
        /** Another content is stored under the same router_id, timestamp and test_id; nothing written. */
        CONFLICT,
        /** Not valid; nothing written. */
        REJECTED
    }

    static SingleOutcome stored(Kind kind, Prepared.Ready ready) {
        return new SingleOutcome(kind, ready.stored(), ready.pk(), ready.sk(), null, List.of());
    }

    static SingleOutcome rejected(Prepared.Rejected rejected) {
        return new SingleOutcome(Kind.REJECTED, null, null, null, rejected.reason(), rejected.problems());
    }
}
