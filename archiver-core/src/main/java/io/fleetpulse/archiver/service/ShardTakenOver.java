package io.fleetpulse.archiver.service;

/** Another reader of the shard moved its ledger: this one's view is stale and it must let the shard go. */
public class ShardTakenOver extends RuntimeException {
    public ShardTakenOver(String message, Throwable cause) {
        super(message, cause);
    }
}
