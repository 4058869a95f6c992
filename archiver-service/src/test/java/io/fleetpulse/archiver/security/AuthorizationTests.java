package io.fleetpulse.archiver.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.support.ArchiveRunStarts;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Archive runs need archive:admin and a fleet-wide token; archived results read back with results:read, per ISP. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AuthorizationTests {

    @Inject
    S3Client s3;
    @Inject
    ArchiveConfig archiveConfig;
    @Inject
    ArchiveObjectStore archive;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    @Test
    void archiveRunsNeedAFleetWideArchiveAdmin() {
        String body = "{\"older_than\":\"P3650D\"}";
        given().auth().none().contentType("application/json").body(body).post("/v1/archive/runs").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        as(TestTokens.expired(Roles.ARCHIVE_ADMIN)).body(body).post("/v1/archive/runs").then().statusCode(401);
        as(TestTokens.reader()).body(body).post("/v1/archive/runs").then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.forIsp("isp-a", Roles.ARCHIVE_ADMIN)).body(body).post("/v1/archive/runs").then().statusCode(403);
        String location = ArchiveRunStarts.whenNoOtherRun(() -> as(TestTokens.archiveAdmin()).body(body).post("/v1/archive/runs"))
                .then().statusCode(202).extract().header("Location");
        as(TestTokens.reader()).get(location).then().statusCode(403);
        as(TestTokens.archiveAdmin()).get(location).then().statusCode(200).body("older_than", equalTo("P3650D"));
    }

    @Test
    void archivedResultsReadBackOnlyForTheTokensIsp() throws IOException {
        String router = "auth-archive-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.parse("2025-06-01");
        String rowA = "{\"router_id\":\"" + router + "\",\"test_id\":\"a-1\",\"timestamp\":\"2025-06-01T10:00:00Z\",\"isp\":\"isp-a\"}";
        String rowB = "{\"router_id\":\"" + router + "\",\"test_id\":\"b-1\",\"timestamp\":\"2025-06-01T11:00:00Z\",\"isp\":\"isp-b\"}";
        s3.putObject(put -> put.bucket(archiveConfig.bucket()).key(archive.layout().dayPrefix(day) + router + "-part-0.jsonl.gz"),
                RequestBody.fromBytes(gzip(rowA + "\n" + rowB + "\n")));
        String path = "/v1/archive/results?router_id=" + router + "&from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00Z";

        given().auth().none().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.writer()).get(path).then().statusCode(403);
        assertThat(lines(given().auth().oauth2(TestTokens.reader()).get(path).then().statusCode(200).extract().asString()))
                .containsExactly(rowA, rowB);
        assertThat(lines(given().auth().oauth2(TestTokens.archiveAdmin()).get(path).then().statusCode(200).extract().asString()))
                .containsExactly(rowA, rowB);
        assertThat(lines(given().auth().oauth2(TestTokens.forIsp("isp-b", Roles.RESULTS_READ)).get(path).then().statusCode(200)
                .extract().asString())).containsExactly(rowB);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().auth().none().get("/q/health/live").then().statusCode(200);
        given().auth().none().get("/q/metrics").then().statusCode(200);
    }

    private static List<String> lines(String body) {
        return Arrays.stream(body.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
