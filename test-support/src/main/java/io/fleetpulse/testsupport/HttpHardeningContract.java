package io.fleetpulse.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

/**
 * What every service answers a browser or a hostile client: security headers on every answer (also on errors),
 * CORS only for the configured origins, and 431 for oversized headers. A {@code @QuarkusTest} class implements
 * this interface with one of its {@code /v1} GET paths.
 */
public interface HttpHardeningContract {

    /** An origin the test configuration allows (the default: the dashboard's). */
    String ALLOWED_ORIGIN = "http://127.0.0.1:8082";

    /** A {@code /v1} path that answers 200 to a GET with an all-roles token. */
    String securedGetPath();

    /** The method a browser front end uses for this service's writes, e.g. {@code POST}. */
    String writeMethod();

    @Test
    default void everyAnswerCarriesTheSecurityHeaders() {
        for (var response : new io.restassured.response.Response[] { given().get(securedGetPath()),
                given().auth().none().get(securedGetPath()), given().get("/v1/no-such-endpoint"), given().get("/q/health/live") }) {
            response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer");
        }
        given().get(securedGetPath()).then().statusCode(200).header("Content-Security-Policy", containsStringIgnoringCase("default-src 'none'"));
        given().auth().none().get(securedGetPath()).then().statusCode(401)
                .header("Content-Security-Policy", containsStringIgnoringCase("frame-ancestors 'none'"));
    }

    @Test
    default void corsAllowsTheConfiguredOriginWithABearerTokenAndNoOther() {
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", writeMethod())
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(securedGetPath()).then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase(writeMethod()))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"));
        given().header("Origin", ALLOWED_ORIGIN).get(securedGetPath()).then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        given().header("Origin", "https://evil.example").get(securedGetPath()).then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    default void oversizedHeadersAre431AndTheServiceStaysUp() {
        given().header("X-Padding", "x".repeat(20 * 1024)).get(securedGetPath()).then().statusCode(431);
        given().auth().oauth2("x".repeat(20 * 1024)).get(securedGetPath()).then().statusCode(431);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
