package io.fleetpulse.archiver.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.fleetpulse.archiver.service.Checkpointer;

/** What a shard processor checkpointed (KCL's lease table or the poller's memory in production). */
public final class RecordedCheckpoints implements Checkpointer {

    public final List<String> checkpoints = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean shardEnd;

    @Override
    public void checkpoint(String sequenceNumber) {
        checkpoints.add(sequenceNumber);
    }

    @Override
    public void checkpointShardEnd() {
        shardEnd = true;
    }
}
