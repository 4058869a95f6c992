package io.fleetpulse.kit.capacity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.capacity.CapacityUsage;
import io.fleetpulse.model.mapping.CapacityUsageMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Writes this replica's {@link ConsumedCapacityLedger} to the table (AP31) at each {@code flush-interval}: finished
 * minutes for good, the minute under way as it stands; everything when the service stops. A minute whose write fails is kept and
 * tried again at the next flush, for at most an hour. One timer thread: a JDK scheduler is all one periodic task needs.
 */
@Singleton
public class CapacityUsageWriter {

    private static final Logger LOG = Logger.getLogger(CapacityUsageWriter.class);

    private final ConsumedCapacityLedger ledger;
    private final CapacityUsageConfig config;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String service;
    private final String replica;
    private ScheduledExecutorService timer;

    CapacityUsageWriter(ConsumedCapacityLedger ledger, CapacityUsageConfig config, DynamoDbClient dynamo,
            FleetpulseConfig fleetpulse, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.ledger = ledger;
        this.config = config;
        this.dynamo = dynamo;
        this.table = fleetpulse.tableName();
        this.service = service;
        this.replica = replicaName();
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "capacity-usage-writer");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, config.flushInterval().toMillis());
        timer.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        write(ledger.drainAll());
    }

    /**
     * Finished minutes are taken out of the ledger and written for good; the minute under way is written as it stands
     * (the same key, overwritten at the next flush), so a report can include it.
     */
    void flush() {
        write(ledger.drainBefore(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
        ledger.current().ifPresent(this::writeCurrent);
    }

    private void writeCurrent(ConsumedCapacityLedger.Minute minute) {
        try {
            put(minute);
        } catch (SdkException failed) {
            LOG.debugf("capacity usage of the minute under way not written (%s); the next flush writes it", failed.getMessage());
        }
    }

    private void write(List<ConsumedCapacityLedger.Minute> minutes) {
        for (ConsumedCapacityLedger.Minute minute : minutes) {
            try {
                put(minute);
            } catch (SdkException failed) {
                boolean kept = ledger.restore(minute);
                LOG.warnf("capacity usage of %s not written (%s): %s", minute.start(), kept ? "kept for the next flush" : "dropped, older than an hour",
                        failed.getMessage());
            }
        }
    }

    private void put(ConsumedCapacityLedger.Minute minute) {
        ledger.record(AccessPattern.AP31, dynamo.putItem(put -> put.tableName(table)
                .item(CapacityUsageMapper.toItem(new CapacityUsage(minute.start(), service, replica, minute.units())))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity());
    }

    /** The pod name in Kubernetes (HOSTNAME), with the process id so that replicas sharing a host stay apart. */
    static String replicaName() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("local");
        return host + "-" + ProcessHandle.current().pid();
    }
}
