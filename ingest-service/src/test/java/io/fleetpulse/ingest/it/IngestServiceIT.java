package io.fleetpulse.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.fleetpulse.testsupport.ProbeEndpointsContract;
import io.fleetpulse.testsupport.TestClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The packaged service (the jar here, the native executable where -Dnative builds one) in its production profile,
 * as a separate process against the test JVM's local stack: the health endpoints the Kubernetes probes use
 * ({@link ProbeEndpointsContract}), and one result stored for real.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LocalStackTestResource.class)
class IngestServiceIT implements ProbeEndpointsContract {

    @Test
    void storesAResult() {
        String routerId = Fixtures.routerId("it");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> result = Fixtures.result(routerId, timestamp);

        // the packaged application verifies real tokens: none is 401, a reader's is 403, a writer's stores
        given().auth().none().contentType(ContentType.JSON).body(result).post("/v1/results").then().statusCode(401);
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(result).post("/v1/results").then().statusCode(403);
        String testId = given().auth().oauth2(TestTokens.writer()).contentType(ContentType.JSON).body(result)
                .post("/v1/results")
                .then().statusCode(201)
                .header("Location", containsString("/v1/routers/" + routerId + "/results/"))
                .extract().path("test_id");

        given().auth().oauth2(TestTokens.writer()).contentType(ContentType.JSON).body(result).post("/v1/results").then().statusCode(200);
        try (DynamoDbClient dynamo = TestClients.dynamoDb()) {
            Map<String, AttributeValue> key = Map.of(
                    Attr.PK, AttributeValue.fromS(Keys.routerPk(routerId)),
                    Attr.SK, AttributeValue.fromS(Keys.resultSk(timestamp, testId)));
            Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(FleetTable.DEFAULT_TABLE_NAME).key(key)).item();
            assertThat(item.get(TestResultMapper.TEST_ID).s()).isEqualTo(testId);
        }
    }
}
