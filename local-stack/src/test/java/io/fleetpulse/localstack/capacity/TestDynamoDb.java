package io.fleetpulse.localstack.capacity;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB Local with the Fleetpulse table for the capacity tests of this JVM (stopped when it exits). */
final class TestDynamoDb {

    static final String TABLE = FleetTable.DEFAULT_TABLE_NAME;

    private static EmbeddedDynamoDb server;
    private static String tableArn;

    private TestDynamoDb() {
    }

    static synchronized EmbeddedDynamoDb get() {
        if (server == null) {
            server = EmbeddedDynamoDb.start();
            try (DynamoDbClient client = LocalClients.dynamoDb(server.endpoint())) {
                tableArn = FleetTable.ensureTable(client, TABLE).tableArn();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "capacity-test-dynamodb-stop"));
        }
        return server;
    }

    static synchronized String tableArn() {
        get();
        return tableArn;
    }
}
