package io.fleetpulse.archiver.service;

/**
 * A batch was given up unchecked, because the consumer is stopping or a step kept failing for reasons that are not
 * the records' (see {@link StepFailed}): nothing after it may be checkpointed, the shard must be read again.
 */
public class ProcessingAborted extends RuntimeException {
    public ProcessingAborted(String step, Throwable cause) {
        super(cause instanceof StepFailed ? cause.getMessage() : "stopped while retrying " + step, cause);
    }
}
