package io.fleetpulse.archiver.service;

/** A batch was given up because the consumer is stopping: nothing after it may be checkpointed. */
public class ProcessingAborted extends RuntimeException {
    public ProcessingAborted(String step, Throwable cause) {
        super("stopped while retrying " + step, cause);
    }
}
