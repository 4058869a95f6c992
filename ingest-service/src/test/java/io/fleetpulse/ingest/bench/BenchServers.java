package io.fleetpulse.ingest.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.localstack.server.EmbeddedS3;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local and S3Proxy in a JVM of their own for {@link IngestBenchmark}, so neither measured
 * client shares a heap or garbage collector with the server. Creates the table and the bucket, prints
 * {@code READY <dynamodb endpoint> <s3 endpoint>}, and runs until its standard input closes.
 */
public final class BenchServers {

    private BenchServers() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start();
                EmbeddedS3 s3 = EmbeddedS3.start();
                DynamoDbClient client = LocalClients.dynamoDb(dynamo.endpoint())) {
            FleetTable.ensureTable(client, IngestBenchmark.TABLE);
            s3.createBucket(IngestBenchmark.BUCKET);
            System.out.println("READY " + dynamo.endpoint() + " " + s3.endpoint());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // until the harness closes our standard input (or ends)
            }
        }
    }
}
