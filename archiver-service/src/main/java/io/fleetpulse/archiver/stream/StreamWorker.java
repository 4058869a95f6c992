package io.fleetpulse.archiver.stream;

import java.time.Duration;

/** A consumer of the table's stream that feeds {@link io.fleetpulse.archiver.service.ShardProcessor}s. */
public interface StreamWorker {

    String name();

    void start();

    /** Stops gracefully: shards are checkpointed as far as their side effects are durable. */
    void stop(Duration timeout);
}
