package io.fleetpulse.archiver.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;

import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * The stream consumer for production: KCL 3 through the DynamoDB Streams Kinesis Adapter. Replicas share
 * shards through leases in the table named after the application; a crashed replica's leases are taken
 * over after {@code failoverTimeMillis} (and, when it was the leader, which alone assigns leases, once its leader lock
 * has expired: {@code leaderLeaseDurationMillis}); progress is checkpointed by {@link ShardProcessor} only up to
 * durable side effects.
 */
public final class KclStreamWorker implements StreamWorker {

    private static final Logger LOG = Logger.getLogger(KclStreamWorker.class);

    private final String applicationName;
    private final String workerId;
    private final String tableStreamArn;
    private final StreamClients clients;
    private final ProcessingPipeline pipeline;
    private final StreamConfig config;
    private final ConsumerHealth health;
    private final List<ShardProcessor> shards = new CopyOnWriteArrayList<>();
    private volatile Scheduler scheduler;
    /** Set before a stop or crash is asked for, so that the scheduler's end is not taken for a failure. */
    private volatile boolean stopping;
    private Thread thread;

    public KclStreamWorker(String applicationName, String workerId, String tableStreamArn, StreamClients clients,
            ProcessingPipeline pipeline, StreamConfig config, ConsumerHealth health) {
        this.applicationName = applicationName;
        this.workerId = workerId;
        this.tableStreamArn = tableStreamArn;
        this.clients = clients;
        this.pipeline = pipeline;
        this.config = config;
        this.health = health;
    }

    @Override
    public String name() {
        return "kcl[" + applicationName + "/" + workerId + "]";
    }

    /** The shard processors this worker has run (for tests and diagnostics). */
    public List<ShardProcessor> shards() {
        return List.copyOf(shards);
    }

    void acquired(ShardProcessor shard) {
        shards.add(shard);
    }

    @Override
    public synchronized void start() {
        stopping = false;
        DynamoDbStreamsClient streams = clients.streams();
        String arn = tableStreamArn;
        if (clients.isLocal(arn)) {
            RegionMappingStreamsClient mapping = new RegionMappingStreamsClient(streams, clients.localRegion(), clients.region().id());
            streams = mapping;
            arn = mapping.toReal(arn);
        }
        AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(streams, clients.region());
        InitialPositionInStreamExtended position = InitialPositionInStreamExtended.newInitialPosition(
                config.initialPosition() == StreamConfig.Position.LATEST ? InitialPositionInStream.LATEST : InitialPositionInStream.TRIM_HORIZON);
        StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(arn, position);
        ConfigsBuilder configs = new ConfigsBuilder(tracker, applicationName, adapter, clients.dynamoAsync(), clients.cloudWatch(),
                workerId, () -> new KclRecordProcessor(pipeline, this));

        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .shardSyncIntervalMillis(0)
                .failoverTimeMillis(config.failoverTimeMillis())
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(config.leaderLeaseDurationMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(Math.max(1, config.leaderLeaseDurationMillis() / 4));
        config.leaseAssignmentIntervalMillis().ifPresent(leases::leaseAssignmentIntervalMillis);
        config.workerMetricsReporterMillis().ifPresent(millis -> leases.workerUtilizationAwareAssignmentConfig()
                .workerMetricsReporterFreqInMillis(millis));
        CoordinatorConfig coordinator = configs.coordinatorConfig().skipShardSyncAtWorkerInitializationIfLeasesExist(true);
        MetricsConfig metrics = configs.metricsConfig().metricsLevel(MetricsLevel.NONE).metricsFactory(new NullMetricsFactory());
        ProcessorConfig processor = configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true);
        DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(adapter);
        polling.idleTimeBetweenReadsInMillis(config.idleTimeBetweenReadsMillis());
        polling.maxRecords(config.maxRecords());
        RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(polling);

        scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(), coordinator, leases,
                configs.lifecycleConfig(), metrics, processor, retrieval, adapter);
        Scheduler started = scheduler;
        thread = new Thread(() -> {
            try {
                started.run();
                if (!stopping) { // not stopped by us: the scheduler ended by itself and reads nothing any more
                    LOG.errorf("%s: the KCL scheduler ended by itself", name());
                    health.worker(ConsumerHealth.WorkerState.FAILED, "the KCL scheduler ended by itself");
                }
            } catch (RuntimeException failure) {
                LOG.errorf(failure, "%s stopped on an error", name());
                health.worker(ConsumerHealth.WorkerState.FAILED, failure.toString());
            }
        }, "kcl-" + workerId);
        thread.setDaemon(true);
        health.worker(ConsumerHealth.WorkerState.STARTING, null);
        thread.start();
        health.worker(ConsumerHealth.WorkerState.RUNNING, null);
        LOG.infof("%s started on %s", name(), tableStreamArn);
    }

    @Override
    public synchronized void stop(Duration timeout) {
        if (scheduler == null) {
            return;
        }
        LOG.infof("%s stopping", name());
        stopping = true;
        try {
            Future<Boolean> stopped = scheduler.startGracefulShutdown();
            if (!stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%s: graceful shutdown incomplete", name());
            }
        } catch (Exception incomplete) {
            LOG.warnf(incomplete, "%s: graceful shutdown failed; forcing", name());
            scheduler.shutdown();
        } finally {
            health.worker(ConsumerHealth.WorkerState.STOPPED, null);
            scheduler = null;
        }
    }

    /** Stops without any checkpoint, as a crash would (tests). */
    public synchronized void crash() {
        if (scheduler != null) {
            stopping = true;
            pipeline.stop();
            scheduler.shutdown();
            scheduler = null;
        }
    }
}
