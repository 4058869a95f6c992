package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** PUT /v1/routers/{router_id}: create (201) and replace (200), registered_at kept. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RoutersTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    private RouterProfile stored(String router) {
        return RouterProfileMapper.fromItem(dynamo.getItem(b -> b.tableName(table).key(RouterProfileMapper.key(router))
                .consistentRead(true)).item());
    }

    @Test
    void createsThenReplacesAProfile() {
        String router = Fixtures.routerId("profile");
        Map<String, Object> profile = new LinkedHashMap<>(Map.of("model", "FritzBox 7590", "firmware", "7.57",
                "location", "berlin", "isp", "acme"));

        String registeredAt = given().contentType("application/json").body(Fixtures.json(profile))
                .put("/v1/routers/" + router)
                .then().statusCode(201)
                .header("Location", endsWith("/v1/routers/" + router))
                .body("router_id", equalTo(router))
                .body("registered_at", notNullValue())
                .extract().path("registered_at");
        RouterProfile created = stored(router);
        assertThat(created.model()).isEqualTo("FritzBox 7590");
        assertThat(created.registeredAt()).isEqualTo(Instant.parse(registeredAt));

        profile.put("firmware", "7.58");
        profile.put("router_id", router);
        given().contentType("application/json").body(Fixtures.json(profile))
                .put("/v1/routers/" + router)
                .then().statusCode(200)
                .body("firmware", equalTo("7.58"))
                .body("registered_at", equalTo(registeredAt));
        RouterProfile replaced = stored(router);
        assertThat(replaced.firmware()).isEqualTo("7.58");
        assertThat(replaced.registeredAt()).isEqualTo(created.registeredAt());

        profile.put("registered_at", "2024-01-01T00:00:00Z");
        given().contentType("application/json").body(Fixtures.json(profile)).put("/v1/routers/" + router)
                .then().statusCode(200).body("registered_at", equalTo("2024-01-01T00:00:00Z"));
        assertThat(stored(router).registeredAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }
}
