package io.fleetpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.client.FleetpulseClients;
import io.fleetpulse.client.api.ArchiverApi;
import io.fleetpulse.client.api.IngestApi;
import io.fleetpulse.client.api.ProbesApi;
import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.client.problem.FleetpulseProblemException.Kind;
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

    /** One /v1 call per service through the Java client, and a token with a role that is not the one it needs. */
    record Guarded(String service, String operation, Consumer<FleetpulseClients> call, String otherRoleToken) {
    }

    @Test
    void everyServiceRefusesV1CallsWithoutAValidTokenAndKeepsItsProbesOpen() {
        LocalEndpoints stack = SharedLocalStack.get();
        assertThat(services.environment())
                .containsEntry("FLEETPULSE_JWT_PUBLIC_KEY_LOCATION", stack.jwtPublicKeyLocation())
                .containsEntry("FLEETPULSE_JWT_ISSUER", stack.jwtIssuer());
        List<Guarded> calls = List.of(
                new Guarded("ingest-service", "POST /v1/results",
                        clients -> clients.build(IngestApi.class).submitJson("{}".getBytes(StandardCharsets.UTF_8)), TestTokens.reader()),
                new Guarded("query-service", "GET /v1/fleet/locations",
                        clients -> clients.build(QueryApi.class).locations(null, null), TestTokens.writer()),
                new Guarded("archiver-service", "GET /v1/archive/runs/e2e-unknown",
                        clients -> clients.build(ArchiverApi.class).run("e2e-unknown"), TestTokens.writer()));

        for (Guarded call : calls) {
            URI base = services.get(call.service()).url();
            String what = call.service() + " " + call.operation();
            FleetpulseProblemException anonymous = refusal(base, call, null);
            // a token whose signature is not the stack key's
            FleetpulseProblemException forged = refusal(base, call,
                    TestTokens.allRoles().replaceFirst("\\.[^.]+$", ".c2lnbmVkLWVsc2V3aGVyZQ"));
            FleetpulseProblemException expired = refusal(base, call, TestTokens.expired(Roles.ALL.toArray(String[]::new)));
            FleetpulseProblemException otherRole = refusal(base, call, call.otherRoleToken());
            String ready = FleetpulseClients.at(base).build(ProbesApi.class).ready();

            assertThat(anonymous.kind()).as(what + " without a token").isEqualTo(Kind.UNAUTHORIZED);
            assertThat(anonymous.body().path("status").asInt()).as(what + ": a problem+json body").isEqualTo(401);
            assertThat(forged.kind()).as(what + " with a bad signature").isEqualTo(Kind.UNAUTHORIZED);
            assertThat(expired.kind()).as(what + " with an expired token").isEqualTo(Kind.UNAUTHORIZED);
            assertThat(otherRole.kind()).as(what + " with another role").isEqualTo(Kind.FORBIDDEN);
            assertThat(ready).as(call.service() + " /q/health/ready without a token").contains("UP");
        }
    }

    /** The problem the call answers with this token (none: no Authorization header); fails when it succeeds. */
    private static FleetpulseProblemException refusal(URI base, Guarded call, String token) {
        FleetpulseProblemException problem = catchThrowableOfType(FleetpulseProblemException.class,
                () -> call.call().accept(FleetpulseClients.at(base).token(() -> token)));
        assertThat(problem).as(call.service() + " refuses the call").isNotNull();
        return problem;
    }
}
