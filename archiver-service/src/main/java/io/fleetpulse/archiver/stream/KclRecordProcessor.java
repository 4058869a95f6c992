package io.fleetpulse.archiver.stream;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;

import io.fleetpulse.archiver.service.Checkpointer;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.service.StreamRecord;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/** KCL's per-shard callback, handing everything to a KCL-free {@link ShardProcessor}. */
final class KclRecordProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger LOG = Logger.getLogger(KclRecordProcessor.class);

    private final ProcessingPipeline pipeline;
    private final KclStreamWorker owner;
    private ShardProcessor shard;

    KclRecordProcessor(ProcessingPipeline pipeline, KclStreamWorker owner) {
        this.pipeline = pipeline;
        this.owner = owner;
    }

    @Override
    public void initialize(InitializationInput input) {
        String checkpoint = input.extendedSequenceNumber() == null ? null : input.extendedSequenceNumber().sequenceNumber();
        LOG.infof("%s: shard %s acquired, resuming after %s", owner.name(), input.shardId(), checkpoint);
        shard = pipeline.newShardProcessor(input.shardId(), checkpoint);
        owner.acquired(shard);
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        List<StreamRecord> records = new ArrayList<>(input.records().size());
        for (DynamoDBStreamsClientRecord record : input.records()) {
            records.add(StreamRecords.from(shard.shardId(), record.getRecord()));
        }
        shard.process(records, new KclCheckpointer(input.checkpointer()));
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        LOG.infof("%s: lease of shard %s lost", owner.name(), shard == null ? "?" : shard.shardId());
        if (shard != null) {
            shard.leaseLost();
        }
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        LOG.infof("%s: shard %s ended", owner.name(), shard.shardId());
        shard.shardEnded(new KclCheckpointer(input.checkpointer()));
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (shard != null) {
            shard.shutdownRequested(new KclCheckpointer(input.checkpointer()));
        }
    }

    /** KCL's checkpointer: throttling and dependency failures are retried; a lost lease ends the shard here. */
    private record KclCheckpointer(RecordProcessorCheckpointer checkpointer) implements Checkpointer {

        @Override
        public void checkpoint(String sequenceNumber) throws CheckpointLost {
            attempt(() -> checkpointer.checkpoint(sequenceNumber));
        }

        @Override
        public void checkpointShardEnd() throws CheckpointLost {
            attempt(checkpointer::checkpoint);
        }

        private interface Call {
            void run() throws Exception;
        }

        private void attempt(Call call) throws CheckpointLost {
            for (int attempt = 1; ; attempt++) {
                try {
                    call.run();
                    return;
                } catch (ShutdownException | InvalidStateException lost) {
                    throw new CheckpointLost(lost.getMessage(), lost);
                } catch (ThrottlingException | KinesisClientLibDependencyException transientFailure) {
                    if (attempt >= 10) {
                        throw new CheckpointLost("checkpoint kept failing: " + transientFailure.getMessage(), transientFailure);
                    }
                    try {
                        Thread.sleep(Math.min(2_000, 100L * attempt));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new CheckpointLost("interrupted", interrupted);
                    }
                } catch (Exception unexpected) {
                    throw new CheckpointLost(unexpected.getMessage(), unexpected);
                }
            }
        }
    }
}
