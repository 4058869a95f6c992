package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document lists every endpoint with its parameters, defaults and problem answers. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OpenApiTests {

    /**
     * The type of a parameter's schema: inline, in the component it refers to, or in the component of its {@code allOf}
     * (a default value is added that way). Typed parameters are plain strings or integers on the wire.
     */
    private static String schemaType(JsonPath api, Map<String, Object> parameter) {
        Map<?, ?> schema = (Map<?, ?>) parameter.get("schema");
        if (schema.get("allOf") instanceof List<?> all) {
            schema = (Map<?, ?>) all.get(0);
        }
        if (schema.get("$ref") instanceof String ref) {
            return api.getString("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1) + ".type");
        }
        return (String) schema.get("type");
    }

    @Test
    void everyEndpointIsDocumented() {
        JsonPath api = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = api.getMap("paths");
        assertThat(paths).containsKeys(
                "/v1/routers/{router_id}",
                "/v1/routers/{router_id}/results",
                "/v1/routers/{router_id}/results/latest",
                "/v1/routers/{router_id}/results/{timestamp}/{test_id}",
                "/v1/routers/{router_id}/aggregates",
                "/v1/routers/batch-get",
                "/v1/fleet/results",
                "/v1/fleet/failures",
                "/v1/fleet/aggregates",
                "/v1/fleet/locations");
        assertThat(paths).doesNotContainKey("/dashboard/settings");
        List<Map<String, Object>> parameters = api.getList("paths.'/v1/routers/{router_id}/results'.get.parameters");
        assertThat(parameters).extracting(p -> p.get("name"))
                .contains("router_id", "from", "to", "test_type", "order", "limit", "cursor", "consistent");
        Map<String, Object> limit = parameters.stream().filter(p -> "limit".equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(limit.get("description").toString()).contains("1 to 1000");
        assertThat(schemaType(api, limit)).isEqualTo("integer");
        for (String name : List.of("router_id", "from", "test_type", "order", "cursor")) {
            Map<String, Object> parameter = parameters.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
            assertThat(schemaType(api, parameter)).as("%s: %s", name, parameter).isEqualTo("string");
        }
        assertThat(api.getString("paths.'/v1/routers/{router_id}/results'.get.parameters.find { it.name == 'to' }.description"))
                .contains("Default: now + 5 minutes");
        assertThat(api.getMap("paths.'/v1/fleet/results'.get.responses")).containsKeys("200", "304", "400", "429", "503");
        assertThat(api.getString("paths.'/v1/fleet/results'.get.responses.'400'.content.'application/problem+json'.schema.'$ref'"))
                .endsWith("/Problem");
    }
}
