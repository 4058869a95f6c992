package io.fleetpulse.archiver.service;

/** A segment's aggregate transaction kept being cancelled by concurrent writers: the batch fails, the failure policy takes over. */
public class AggregateConflictException extends RuntimeException {

    public AggregateConflictException(String message) {
        super(message);
    }
}
