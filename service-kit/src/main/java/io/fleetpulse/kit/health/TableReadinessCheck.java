package io.fleetpulse.kit.health;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ready while the table answers: {@code DescribeTable} until it has been seen ACTIVE, then an eventually consistent
 * {@code GetItem} of a key no item has (half a read unit). {@code DescribeTable} is not asked on every probe: DynamoDB
 * Local counts the table's items for each one (about 0.4 s at 200,000 items, blocking every other request meanwhile),
 * and on AWS it is a control-plane call with its own rate limit. Cached for {@value #CACHE_SECONDS} s. Liveness does
 * not depend on DynamoDB.
 */
@Readiness
@ApplicationScoped
public class TableReadinessCheck implements HealthCheck {

    /** Short enough that readiness turns DOWN within a second or two of an outage, and UP as soon after it. */
    static final int CACHE_SECONDS = 1;
    static final Map<String, AttributeValue> PROBE_KEY = Map.of(Attr.PK, AttributeValue.fromS("READINESS#probe"), Attr.SK,
            AttributeValue.fromS("READINESS#probe"));

    private final DynamoDbClient dynamo;
    private final FleetpulseConfig config;
    private final CachedProbe probe = new CachedProbe(Duration.ofSeconds(CACHE_SECONDS), this::probeTable);
    private volatile boolean seenActive;

    public TableReadinessCheck(DynamoDbClient dynamo, FleetpulseConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dynamodb-table").withData("table", config.tableName());
        var error = probe.error();
        return error.isEmpty() ? response.up().build() : response.down().withData("error", error.get()).build();
    }

    private void probeTable() {
        if (seenActive) {
            dynamo.getItem(b -> b.tableName(config.tableName()).key(PROBE_KEY));
        } else if (FleetTable.isActive(dynamo, config.tableName())) {
            seenActive = true;
        } else {
            throw new IllegalStateException("table " + config.tableName() + " missing or not ACTIVE");
        }
    }
}
