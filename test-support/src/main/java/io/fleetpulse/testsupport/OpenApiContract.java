package io.fleetpulse.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.restassured.specification.RequestSpecification;

/**
 * The committed API contract: a {@code @QuarkusTest} class per service implements this interface. The running
 * service's {@code /q/openapi} must be the document committed under {@code docs/api} (written by SmallRye OpenAPI when
 * the service is packaged), every error answer of every operation must be the kit's problem, every {@code /v1}
 * operation must require the bearer token with its roles, and one documented operation is checked against what the
 * service really answers without a token and with a token that lacks its role.
 */
public interface OpenApiContract {

    String PROBLEM_REF = "#/components/schemas/Problem";
    String PROBLEM_JSON = "application/problem+json";
    String SCHEME = "bearer";

    /** The service's name, as in {@code quarkus.application.name} and its module directory. */
    String serviceName();

    /** A secured operation of the service, with a request for it that passes routing and validation. */
    DocumentedOperation documentedOperation();

    /**
     * An operation as the document names it ({@code method} in lower case, {@code path} a template), the roles of its
     * {@code @RolesAllowed}, a token that has none of them, and the request ({@code call}) that reaches it.
     */
    record DocumentedOperation(String method, String path, List<String> roles, String tokenWithoutRole,
            java.util.function.Function<RequestSpecification, io.restassured.response.Response> call) {
    }

    @Test
    default void theRunningDocumentIsTheCommittedOne() throws IOException {
        Path committed = committedFile();
        String file = "docs/api/" + serviceName() + ".openapi.yaml";
        String regenerate = "If the API change is intended, regenerate " + file + " and commit it:"
                + " ./mvnw -B -pl " + serviceName() + " -am package -DskipTests (add -o offline)";
        assertThat(committed).as("the committed contract is missing. " + regenerate).exists();
        JsonNode contract = new YAMLMapper().readTree(Files.readString(committed));
        List<String> differences = OpenApiDiff.differences(contract, runningDocument());
        assertThat(differences).as("%s differs from the running %s's /q/openapi at (at most %d listed):%n  %s%n%s",
                file, serviceName(), OpenApiDiff.MAX_LISTED, String.join("\n  ", differences), regenerate).isEmpty();
    }

    @Test
    default void everyErrorIsAProblemAndEveryOperationNamesItsRoles() {
        JsonNode document = runningDocument();
        assertThat(document.at("/components/schemas/Problem/properties").has("type")).as("the Problem schema").isTrue();
        assertThat(document.at("/components/securitySchemes/" + SCHEME + "/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/" + SCHEME + "/bearerFormat").asText()).isEqualTo("JWT");
        List<String> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String name = operation.getKey() + " " + path.getKey();
            operations.add(name);
            JsonNode roles = operation.getValue().at("/security/0/" + SCHEME);
            assertThat(roles.isArray() && !roles.isEmpty()).as("%s requires a bearer token with roles", name).isTrue();
            operation.getValue().get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertProblemAnswer(name + " " + response.getKey(), response.getValue());
                }
            });
        }));
        assertThat(operations).as("operations of %s", serviceName()).isNotEmpty().allMatch(name -> name.contains(" /v1/"));
    }

    @Test
    default void theDocumentedOperationAnswersAsDocumented() {
        DocumentedOperation documented = documentedOperation();
        JsonNode operation = runningDocument().get("paths").get(documented.path()).get(documented.method());
        String name = documented.method() + " " + documented.path();
        assertThat(operation).as(name).isNotNull();
        List<String> roles = new ArrayList<>();
        operation.at("/security/0/" + SCHEME).forEach(role -> roles.add(role.asText()));
        assertThat(roles).as("roles of %s", name).containsExactlyInAnyOrderElementsOf(documented.roles());
        JsonNode responses = operation.get("responses");
        for (String status : List.of("401", "403", "500")) {
            assertProblemAnswer(name + " " + status, responses.get(status));
        }
        ProblemContract.assertProblem(documented.call().apply(given().auth().none()), 401);
        ProblemContract.assertProblem(documented.call().apply(given().auth().oauth2(documented.tokenWithoutRole())), 403);
    }

    private static void assertProblemAnswer(String name, JsonNode response) {
        assertThat(response).as(name).isNotNull();
        JsonNode content = response.get("content");
        assertThat(content).as("%s has content", name).isNotNull();
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        assertThat(types).as("media types of %s", name).containsExactly(PROBLEM_JSON);
        assertThat(content.at("/" + PROBLEM_JSON.replace("/", "~1") + "/schema/$ref").asText()).as(name).isEqualTo(PROBLEM_REF);
        if (name.endsWith(" 429") || name.endsWith(" 503")) {
            assertThat(response.at("/headers/Retry-After/schema/type").asText()).as("%s Retry-After", name).isEqualTo("integer");
        }
    }

    private Path committedFile() {
        return Path.of("..", "docs", "api", serviceName() + ".openapi.yaml");
    }

    private JsonNode runningDocument() {
        String json = given().auth().none().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
