package io.fleetpulse.archiver.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.Checkpointer;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A light single-worker consumer for local runs: one thread reads every shard with GetRecords, parents
 * before children, and keeps checkpoints in memory (a restart starts again from the configured position;
 * the exactly-once aggregates and the manifest-guarded archive make that harmless, Kafka consumers see
 * duplicates they can drop by event id). Same {@link ShardProcessor} as KCL, so the same contract holds.
 * Never a replacement for KCL in production: no leases, no failover.
 */
public final class PollingStreamWorker implements StreamWorker {

    private static final Logger LOG = Logger.getLogger(PollingStreamWorker.class);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);
    private static final long REOPEN_PAUSE_MILLIS = 5_000;

    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final ProcessingPipeline pipeline;
    private final StreamConfig config;
    private final ConsumerHealth health;
    private final Map<String, String> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, ShardState> open = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private volatile boolean running;
    private Thread thread;

    private static final class ShardState {
        final ShardProcessor processor;
        String iterator;
        String lastDelivered;
        /** The first record delivered while the shard had no checkpoint: where a re-read starts then. */
        String firstUnchecked;

        ShardState(ShardProcessor processor) {
            this.processor = processor;
        }
    }

    public PollingStreamWorker(String streamArn, DynamoDbStreamsClient streams, ProcessingPipeline pipeline, StreamConfig config,
            ConsumerHealth health) {
        this.streamArn = streamArn;
        this.streams = streams;
        this.pipeline = pipeline;
        this.config = config;
        this.health = health;
    }

    @Override
    public String name() {
        return "poller[" + streamArn + "]";
    }

    /** In-memory checkpoints per shard (tests). */
    public Map<String, String> checkpoints() {
        return Map.copyOf(checkpoints);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "stream-poller");
        thread.setDaemon(true);
        health.worker(ConsumerHealth.WorkerState.RUNNING, null);
        thread.start();
        LOG.infof("%s started", name());
    }

    @Override
    public void stop(Duration timeout) {
        running = false;
        Thread current = thread;
        if (current != null) {
            try {
                current.join(timeout.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        health.worker(ConsumerHealth.WorkerState.STOPPED, null);
    }

    private void run() {
        long nextDiscovery = 0;
        while (running && !pipeline.stopping()) {
            try {
                if (System.nanoTime() >= nextDiscovery) {
                    discover();
                    nextDiscovery = System.nanoTime() + DISCOVERY_INTERVAL.toNanos();
                }
                boolean anyRecords = false;
                for (Map.Entry<String, ShardState> entry : new ArrayList<>(open.entrySet())) {
                    anyRecords |= poll(entry.getKey(), entry.getValue());
                }
                if (!anyRecords) {
                    Thread.sleep(config.idleTimeBetweenReadsMillis());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException failure) {
                LOG.warnf(failure, "%s: polling failed; retrying", name());
                health.failed("stream-read", failure, java.time.Instant.now());
                sleepQuietly(1000);
            }
        }
        for (Map.Entry<String, ShardState> entry : open.entrySet()) {
            entry.getValue().processor.shutdownRequested(checkpointer(entry.getKey()));
        }
        open.clear();
        LOG.infof("%s stopped", name());
    }

    /** Opens shards whose parent is finished (or gone from the stream). */
    private void discover() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            DescribeStreamResponse response = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(exclusiveStart));
            shards.addAll(response.streamDescription().shards());
            start = response.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        Set<String> known = new HashSet<>();
        shards.forEach(s -> known.add(s.shardId()));
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (open.containsKey(id) || finished.contains(id)) {
                continue;
            }
            String parent = shard.parentShardId();
            if (parent != null && known.contains(parent) && !finished.contains(parent)) {
                continue;
            }
            ShardState state = new ShardState(pipeline.newShardProcessor(id, checkpoints.get(id)));
            state.iterator = iterator(id, checkpoints.get(id));
            open.put(id, state);
            LOG.infof("%s: reading shard %s", name(), id);
        }
        health.succeeded("stream-read");
    }

    private String iterator(String shardId, String after) {
        if (after != null) {
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)).shardIterator();
        }
        ShardIteratorType type = config.initialPosition() == StreamConfig.Position.LATEST ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type)).shardIterator();
    }

    /** True when the shard returned records. */
    private boolean poll(String shardId, ShardState state) {
        GetRecordsResponse response;
        try {
            String iterator = state.iterator;
            response = streams.getRecords(b -> b.shardIterator(iterator).limit(config.maxRecords()));
        } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
            state.iterator = state.lastDelivered == null ? iterator(shardId, checkpoints.get(shardId)) : iterator(shardId, state.lastDelivered);
            return false;
        }
        var records = StreamRecords.from(shardId, response.records());
        if (!records.isEmpty()) {
            state.lastDelivered = records.get(records.size() - 1).sequenceNumber();
            if (state.firstUnchecked == null && checkpoints.get(shardId) == null) {
                state.firstUnchecked = records.get(0).sequenceNumber();
            }
        }
        state.processor.process(records, checkpointer(shardId));
        if (state.processor.abandoned()) {
            reopen(shardId, state);
            return false;
        }
        state.iterator = response.nextShardIterator();
        if (state.iterator == null) {
            state.processor.shardEnded(checkpointer(shardId));
            if (state.processor.abandoned()) {
                reopen(shardId, state);
                return false;
            }
            open.remove(shardId);
            finished.add(shardId);
            LOG.infof("%s: shard %s finished", name(), shardId);
        }
        return !records.isEmpty();
    }

    /**
     * A batch was given up unchecked (a dependency kept failing): after a pause, the shard is read again from its
     * checkpoint, or from the first record delivered when it has none yet, by a new processor.
     */
    private void reopen(String shardId, ShardState abandoned) {
        LOG.warnf("%s: shard %s given up unchecked; reading it again from its checkpoint in %d ms", name(), shardId, REOPEN_PAUSE_MILLIS);
        sleepQuietly(REOPEN_PAUSE_MILLIS);
        String checkpoint = checkpoints.get(shardId);
        ShardState reopened = new ShardState(pipeline.newShardProcessor(shardId, checkpoint));
        if (checkpoint == null && abandoned.firstUnchecked != null) {
            String first = abandoned.firstUnchecked;
            reopened.firstUnchecked = first;
            reopened.iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(first)).shardIterator();
        } else {
            reopened.iterator = iterator(shardId, checkpoint);
        }
        open.put(shardId, reopened);
    }

    private Checkpointer checkpointer(String shardId) {
        return new Checkpointer() {
            @Override
            public void checkpoint(String sequenceNumber) {
                checkpoints.put(shardId, sequenceNumber);
            }

            @Override
            public void checkpointShardEnd() {
                checkpoints.put(shardId, "SHARD_END");
            }
        };
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
