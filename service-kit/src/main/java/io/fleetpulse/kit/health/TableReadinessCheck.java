package io.fleetpulse.kit.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Ready only while the table answers and is ACTIVE. Liveness does not depend on DynamoDB. */
@Readiness
@ApplicationScoped
public class TableReadinessCheck implements HealthCheck {

    private final DynamoDbClient dynamo;
    private final FleetpulseConfig config;

    public TableReadinessCheck(DynamoDbClient dynamo, FleetpulseConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dynamodb-table").withData("table", config.tableName());
        try {
            return response.status(FleetTable.isActive(dynamo, config.tableName())).build();
        } catch (RuntimeException unreachable) {
            return response.down().withData("error", unreachable.getClass().getSimpleName()).build();
        }
    }
}
