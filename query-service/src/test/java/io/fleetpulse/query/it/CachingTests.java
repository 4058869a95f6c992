package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** ETags and 304s for unchanged pages; Cache-Control only lets historical pages be reused without asking. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class CachingTests {

    static final String ROUTER = Seed.unique("cache");
    static final Instant PAST = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    static Seed seed;

    @BeforeEach
    void seedOnce() {
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        seed.profile(Seed.profileOf(ROUTER, "cache-loc", "isp"));
        seed.results(List.of(
                Seed.result(ROUTER, "latency", PAST.plusSeconds(60), "a", false, "cache-loc", "isp", Seed.alive()),
                Seed.result(ROUTER, "latency", PAST.plusSeconds(120), "b", false, "cache-loc", "isp", Seed.alive()),
                Seed.result(ROUTER, "latency", Instant.now().minusSeconds(30), "now", false, "cache-loc", "isp", Seed.alive())));
    }

    @AfterAll
    static void close() {
        if (seed != null) {
            seed.close();
        }
    }

    private static Response historical(String ifNoneMatch) {
        return historical("If-None-Match", ifNoneMatch);
    }

    private static Response historical(String header, String value) {
        var request = given().queryParam("from", PAST.toString()).queryParam("to", PAST.plus(Duration.ofHours(1)).toString());
        if (value != null) {
            request.header(header, value);
        }
        return request.when().get("/v1/routers/{id}/results", ROUTER);
    }

    @Test
    void unchangedHistoricalPageIs304AndAChangeIsSeen() {
        Response first = historical(null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.header("Cache-Control")).isEqualTo("private, max-age=300");

        Response again = historical(etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.asByteArray()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(historical("\"something-else\", " + etag).statusCode()).isEqualTo(304);
        assertThat(historical("W/" + etag).statusCode()).isEqualTo(304);
        assertThat(historical("\"something-else\"").statusCode()).isEqualTo(200);

        // a late upload lands in the range: the page changed, so the old tag no longer matches
        seed.results(List.of(Seed.result(ROUTER, "latency", PAST.plusSeconds(90), "late", false, "cache-loc", "isp", Seed.alive())));
        Response changed = historical(etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.jsonPath().getList("items.test_id")).containsExactly("b", "late", "a");
    }

    @Test
    void ifNoneMatchStarOrAListAndIfMatch() {
        String etag = historical(null).header("ETag");
        Response star = historical("*");
        assertThat(star.statusCode()).isEqualTo(304);
        assertThat(star.header("ETag")).isEqualTo(etag);
        assertThat(star.header("Cache-Control")).isEqualTo("private, max-age=300");
        assertThat(historical("\"a\", W/\"b\", " + etag + ", \"c\"").statusCode()).isEqualTo(304);
        assertThat(historical("\"a\", W/\"b\"").statusCode()).isEqualTo(200);
        assertThat(historical("not-quoted, \"").statusCode()).isEqualTo(200);

        assertThat(historical("If-Match", etag).statusCode()).isEqualTo(200);
        historical("If-Match", "\"an-older-version\"").then().statusCode(412).contentType("application/problem+json")
                .body("type", endsWith("/precondition-failed"))
                .body("errors[0].parameter", equalTo("If-Match"));
    }

    @Test
    void recentRangesMustRevalidate() {
        Response recent = given().when().get("/v1/routers/{id}/results", ROUTER);
        assertThat(recent.statusCode()).isEqualTo(200);
        assertThat(recent.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(recent.jsonPath().getList("items.test_id")).contains("now");
        assertThat(recent.header("ETag")).isNotBlank();
    }

    @Test
    void overviewAndSingleResultsCarryETagsToo() {
        Response overview = given().when().get("/v1/routers/{id}", ROUTER);
        assertThat(overview.statusCode()).isEqualTo(200);
        given().header("If-None-Match", overview.header("ETag")).when().get("/v1/routers/{id}", ROUTER)
                .then().statusCode(304);
        String path = "/v1/routers/{id}/results/{ts}/{test}";
        Response one = given().when().get(path, ROUTER, PAST.plusSeconds(60).toString(), "a");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.header("Cache-Control")).isEqualTo("private, max-age=300");
        given().header("If-None-Match", one.header("ETag")).when().get(path, ROUTER, PAST.plusSeconds(60).toString(), "a")
                .then().statusCode(304);
    }
}
