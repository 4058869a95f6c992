package io.fleetpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.simulator.Simulation;
import io.fleetpulse.simulator.check.Findings;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.simulator.report.Summary;
import io.fleetpulse.testsupport.SharedLocalStack;

/**
 * The whole system: ingest-service, query-service and archiver-service from their packaged jars, as
 * processes, against one local stack in this JVM (DynamoDB Local, S3Proxy, Kafka), driven by the fleet
 * simulator. The simulator's ledger is the oracle: every accepted result listed by query-service (through
 * cursors), the stream's router-day and fleet-hour aggregates equal to the ledger's sums, one Kafka event per
 * result, and an archive run whose results are in S3 exactly once, readable back and gone from the table.
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
                "--archive-older-than", "18h", "--page-size", "50", "--catch-up-timeout", "150s");
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
        assertThat(findings.archiveRun.status()).isEqualTo("succeeded");
        assertThat(findings.archiveExpected).isPositive().isLessThan(outcome.ledger().distinctResults());
        assertThat(findings.s3.rowsByEventId()).hasSize(findings.archiveExpected).allSatisfy((id, copies) -> assertThat(copies).isOne());
        assertThat(findings.readBackRows).isPositive();
        assertThat(findings.resultsListed).isEqualTo(outcome.ledger().distinctResults() - findings.archiveExpected);
    }
}
