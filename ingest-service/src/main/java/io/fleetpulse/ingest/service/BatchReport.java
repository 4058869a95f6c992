package io.fleetpulse.ingest.service;

import java.util.List;

import io.fleetpulse.model.validation.Violation;

/**
 * What became of a batch: how many items DynamoDB has (accepted), and each one it does not, by index.
 * {@code rejectedListed} may be shorter than {@code rejectedCount} for huge streams (see
 * {@code fleetpulse.ingest.limits.max-rejected-listed}).
 */
public record BatchReport(long received, long accepted, long rejectedCount, long notWritten, List<RejectedItem> rejectedListed,
        boolean truncated) {

    public record RejectedItem(long index, RejectReason reason, List<Violation> problems) {
    }

    /** True when nothing was accepted because the store could not take the items (the request may be retried as is). */
    public boolean storeUnavailable() {
        return accepted == 0 && notWritten > 0;
    }
}
