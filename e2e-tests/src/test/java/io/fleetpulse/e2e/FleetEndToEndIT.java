package io.fleetpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.simulator.Simulation;
import io.fleetpulse.simulator.check.Findings;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.simulator.report.Summary;
import io.fleetpulse.testsupport.SharedLocalStack;
import io.fleetpulse.testsupport.TestTokens;

/**
 * The whole system: ingest-service, query-service and archiver-service from their packaged jars, as
 * processes, against one local stack in this JVM (DynamoDB Local, S3Proxy, Kafka), driven by the fleet
 * simulator. The simulator's ledger is the oracle: every accepted result listed by query-service (through
 * cursors), the stream's router-day and fleet-hour aggregates equal to the ledger's sums, one Kafka event per
 * result, and an archive run whose results are in S3 exactly once, readable back and gone from the table. The
 * services verify bearer tokens with the stack's development key; the simulator sends one with every role.
 */
class FleetEndToEndIT {

    private static LocalServices services;

    @BeforeAll
    static void startServices() throws Exception {
        services = new LocalServices(SharedLocalStack.get()).startAll(LocalServices.Jars.fromSystemProperties());
        services.processes().forEach(p -> System.out.printf("%s ready in %d ms at %s (log %s)%n", p.name(), p.startup().toMillis(),
                p.url(), p.log()));
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aSimulatedFleetEndsUpInQueriesAggregatesKafkaAndTheArchiveExactlyAsTheLedgerSays() throws Exception {
        SimulatorOptions parsed = SimulatorOptions.parse("--routers", "40", "--locations", "3", "--payloads", "2500", "--rate", "0",
                "--seed", "2026", "--epoch", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString(), "--run-tag", "e2e",
                "--archive-older-than", "18h", "--page-size", "50", "--catch-up-timeout", "150s", "--token", TestTokens.allRoles());
        SimulatorOptions options = parsed.withTargets(services.targets());

        Simulation.Outcome outcome = Simulation.run(options, System.out, false);
        new Summary(System.out).print(outcome);

        assertThat(outcome.mismatchLines()).as("differences between the system and the ledger").isEmpty();
        assertThat(outcome.ok()).isTrue();
        // the run exercised what it claims to check
        Findings findings = outcome.findings();
        assertThat(outcome.plan().counts().invalid()).isPositive();
        assertThat(outcome.plan().counts().duplicates()).isPositive();
        assertThat(outcome.ledger().rejectedPayloads()).isEqualTo(outcome.plan().counts().invalid());
        assertThat(findings.catchUpSeconds).isNotNegative();
        assertThat(findings.routersListed).isEqualTo(40);
        assertThat(findings.pages).isGreaterThan(40);
        assertThat(findings.kafka.resultEventIds()).hasSize(outcome.ledger().distinctResults());
        assertThat(findings.archiveRun.status()).isEqualTo(ArchiveRunStatus.SUCCEEDED);
        assertThat(findings.archiveExpected).isPositive().isLessThan(outcome.ledger().distinctResults());
        assertThat(findings.s3.rowsByEventId()).hasSize(findings.archiveExpected).allSatisfy((id, copies) -> assertThat(copies).isOne());
        assertThat(findings.readBackRows).isPositive();
        assertThat(findings.resultsListed).isEqualTo(outcome.ledger().distinctResults() - findings.archiveExpected);
    }

    /** One /v1 call per service, and a token with a role that is not the one it needs. */
    record Guarded(String service, String method, String path, String body, String otherRoleToken) {
    }

    @Test
    void everyServiceRefusesV1CallsWithoutAValidTokenAndKeepsItsProbesOpen() throws Exception {
        LocalEndpoints stack = SharedLocalStack.get();
        assertThat(services.environment())
                .containsEntry("FLEETPULSE_JWT_PUBLIC_KEY_LOCATION", stack.jwtPublicKeyLocation())
                .containsEntry("FLEETPULSE_JWT_ISSUER", stack.jwtIssuer());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Guarded> calls = List.of(
                new Guarded("ingest-service", "POST", "/v1/results", "{}", TestTokens.reader()),
                new Guarded("query-service", "GET", "/v1/fleet/locations", null, TestTokens.writer()),
                new Guarded("archiver-service", "GET", "/v1/archive/runs/e2e-unknown", null, TestTokens.writer()));

        for (Guarded call : calls) {
            URI base = services.get(call.service()).url();
            String what = call.service() + " " + call.method() + " " + call.path();
            HttpResponse<String> anonymous = send(http, base, call, null);
            // a token whose signature is not the stack key's
            HttpResponse<String> forged = send(http, base, call, TestTokens.allRoles().replaceFirst("\\.[^.]+$", ".c2lnbmVkLWVsc2V3aGVyZQ"));
            HttpResponse<String> expired = send(http, base, call, TestTokens.expired(Roles.ALL.toArray(String[]::new)));
            HttpResponse<String> otherRole = send(http, base, call, call.otherRoleToken());
            HttpResponse<String> probe = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).as(what + " without a token").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(what).hasValue("Bearer");
            assertThat(anonymous.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(forged.statusCode()).as(what + " with a bad signature").isEqualTo(401);
            assertThat(expired.statusCode()).as(what + " with an expired token").isEqualTo(401);
            assertThat(otherRole.statusCode()).as(what + " with another role").isEqualTo(403);
            assertThat(probe.statusCode()).as(call.service() + " /q/health/ready without a token").isEqualTo(200);
        }
    }

    private static HttpResponse<String> send(HttpClient http, URI base, Guarded call, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(call.path())).timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
