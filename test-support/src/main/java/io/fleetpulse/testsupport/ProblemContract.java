package io.fleetpulse.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.probe.ProblemProbeResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The one error dialect: a {@code @QuarkusTest} class per service implements this interface with real requests that
 * its API answers 400, 403, 409, 413, 415 and 422 (or the probe's, where the service has no such answer), and the
 * defaults add 401, 404 (real requests), 429 (a real rate limit) and 503 (a store failure) from the test-only
 * {@link ProblemProbeResource}. Each must be {@code application/problem+json} with a {@code type} of
 * {@value #TYPE_BASE}<i>slug</i>, a title, the HTTP status as {@code status}, a detail, the request path as
 * {@code instance}, and field errors (if any) as {@code [{pointer|parameter, message}]}.
 */
public interface ProblemContract {

    String TYPE_BASE = "https://fleetpulse.io/problems/";
    String PROBE = ProblemProbeResource.PATH;

    /** A {@code /v1} path that answers 200 to a GET with an all-roles token. */
    String securedGetPath();

    Response badRequest();

    Response forbidden();

    Response conflict();

    Response tooLarge();

    Response unsupportedMediaType();

    Response unprocessable();

    @Test
    default void a400IsAProblem() {
        assertProblem(badRequest(), 400);
    }

    @Test
    default void a401IsAProblem() {
        assertProblem(given().auth().none().get(securedGetPath()), 401);
    }

    @Test
    default void a403IsAProblem() {
        assertProblem(forbidden(), 403);
    }

    @Test
    default void a404IsAProblem() {
        assertProblem(given().get("/v1/no-such-endpoint"), 404);
    }

    @Test
    default void a409IsAProblem() {
        assertProblem(conflict(), 409);
    }

    @Test
    default void a413IsAProblem() {
        assertProblem(tooLarge(), 413);
    }

    @Test
    default void a415IsAProblem() {
        assertProblem(unsupportedMediaType(), 415);
    }

    @Test
    default void a422IsAProblem() {
        assertProblem(unprocessable(), 422);
    }

    @Test
    default void a429IsAProblem() {
        Response limited = given().get(PROBE + "/rate-limited");
        for (int call = 0; call < 3 && limited.statusCode() == 200; call++) {
            limited = given().get(PROBE + "/rate-limited");
        }
        assertProblem(limited, 429);
        assertThat(limited.header("Retry-After")).matches("[1-9][0-9]*");
    }

    @Test
    default void a503IsAProblem() {
        Response down = given().get(PROBE + "/store-down");
        assertProblem(down, 503);
        assertThat(down.header("Retry-After")).matches("[1-9][0-9]*");
    }

    /** The answer is the one problem shape with {@code status}. */
    static void assertProblem(Response answer, int status) {
        assertThat(answer.statusCode()).as("status of %s", answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonPath body = answer.jsonPath();
        Map<String, Object> problem = body.getMap("");
        assertThat(problem.keySet()).as("members").containsAll(List.of("type", "title", "status", "detail", "instance"));
        assertThat(body.getString("type")).matches(java.util.regex.Pattern.quote(TYPE_BASE) + "[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(body.getString("title")).isNotBlank();
        assertThat(body.getInt("status")).isEqualTo(status);
        assertThat(body.getString("detail")).isNotBlank();
        assertThat(body.getString("instance")).startsWith("/");
        if (problem.containsKey("errors")) {
            List<Map<String, Object>> errors = body.getList("errors");
            assertThat(errors).isNotEmpty().allSatisfy(error -> {
                assertThat(Set.of("pointer", "parameter", "message")).containsAll(error.keySet());
                assertThat(error.get("message")).isInstanceOf(String.class);
                assertThat(error.containsKey("pointer") ^ error.containsKey("parameter")).as("pointer xor parameter: %s", error).isTrue();
            });
        }
    }
}
