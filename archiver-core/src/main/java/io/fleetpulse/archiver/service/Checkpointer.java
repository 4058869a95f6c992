package io.fleetpulse.archiver.service;

/** How a shard's progress is recorded: KCL's lease table, or the poller's memory. */
public interface Checkpointer {

    /** Everything up to and including this record is done. */
    void checkpoint(String sequenceNumber) throws CheckpointLost;

    /** The whole (closed) shard is done, so its children may start. */
    void checkpointShardEnd() throws CheckpointLost;

    /** The lease is gone: another worker owns the shard now. */
    class CheckpointLost extends Exception {
        public CheckpointLost(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
