package io.fleetpulse.simulator;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.ProcessingException;

import io.fleetpulse.client.api.IngestApi;
import io.fleetpulse.client.api.ProbesApi;
import io.fleetpulse.model.entity.ResultBatch;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.simulator.check.ArchiveObjects;
import io.fleetpulse.simulator.check.ConsumerMetrics;
import io.fleetpulse.simulator.check.EndChecks;
import io.fleetpulse.simulator.check.Findings;
import io.fleetpulse.simulator.check.KafkaEvents;
import io.fleetpulse.simulator.config.BearerToken;
import io.fleetpulse.simulator.config.Clients;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.simulator.config.Targets;
import io.fleetpulse.simulator.fleet.Router;
import io.fleetpulse.simulator.ingest.Progress;
import io.fleetpulse.simulator.ingest.SendStats;
import io.fleetpulse.simulator.ingest.Sender;
import io.fleetpulse.simulator.ledger.Ledger;
import io.fleetpulse.simulator.plan.PlanGenerator;
import io.fleetpulse.simulator.plan.TrafficPlan;

/**
 * One run: generate the plan, register the routers, send the results (with the live progress line), then the
 * end checks against the ledger. Usable as a library (the end-to-end test runs it in its JVM).
 */
public final class Simulation {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    /** A service or broker the run needs cannot be reached, or refuses the run's token: nothing was checked. */
    public static final class Unreachable extends Exception {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What happened: the plan, the ledger, the sending figures and (unless --no-verify) the checks' findings. */
    public record Outcome(SimulatorOptions options, TrafficPlan plan, Ledger ledger, SendStats stats, int profiles,
            double profileSeconds, Findings findings) {

        /** The ledger's own mismatches (ingest answers) and the end checks', first ones in full. */
        public List<String> mismatchLines() {
            List<String> lines = new ArrayList<>();
            ledger.mismatches().forEach(line -> lines.add("ingest: " + line));
            if (findings != null) {
                lines.addAll(findings.mismatches.listed());
            }
            return lines;
        }

        public long mismatchCount() {
            return ledger.mismatchCount() + (findings == null ? 0 : findings.mismatches.count());
        }

        public boolean ok() {
            return mismatchCount() == 0;
        }
    }

    private Simulation() {
    }

    public static Outcome run(SimulatorOptions options, PrintStream out, boolean terminal) throws InterruptedException, Unreachable {
        Targets targets = options.targets();
        TrafficPlan plan = PlanGenerator.generate(options.fleet(), options.traffic(), options.payloads());
        out.printf(Locale.ROOT, "Fleet simulator: run %s, %,d routers (%d hot), %d locations, %,d payloads at %s/s, %d in flight%n",
                options.fleet().runTag(), plan.fleet().routers().size(), plan.fleet().hotRouters().size(),
                plan.fleet().locations().size(), options.payloads(), options.rate() == 0 ? "max" : String.format(Locale.ROOT, "%,.0f",
                        options.rate()), options.concurrency());
        out.printf("  ingest %s, query %s, archiver %s; %s%n", targets.ingest(), targets.query(), targets.archiver(), options.token());

        Clients clients = Clients.of(targets, options.token(), options.concurrency());
        awaitReady(clients.ingestProbes(), targets.ingest());
        awaitReady(clients.queryProbes(), targets.query());
        awaitReady(clients.archiverProbes(), targets.archiver());
        requireAccess(clients, options);
        KafkaEvents kafka = null;
        ArchiveObjects s3 = null;
        try {
            if (options.verify() && targets.kafkaEnabled()) {
                kafka = new KafkaEvents(targets.kafkaBootstrapServers(), targets.resultsTopic(), targets.aggregatesTopic());
                try {
                    kafka.mark();
                } catch (RuntimeException unreachable) {
                    throw new Unreachable("Kafka at " + targets.kafkaBootstrapServers() + " cannot be read (" + unreachable.getMessage()
                            + "); give --kafka HOST:PORT, or --kafka none to skip the event check", unreachable);
                }
            }
            if (options.verify() && targets.s3Enabled()) {
                s3 = new ArchiveObjects(targets.s3Endpoint(), targets.bucket());
            }
            Ledger ledger = new Ledger();
            long profilesStart = System.nanoTime();
            int profiles = registerProfiles(clients.ingest(), plan, ledger, options.concurrency());
            double profileSeconds = (System.nanoTime() - profilesStart) / 1e9;

            ConsumerMetrics consumer = new ConsumerMetrics(clients.archiverProbes());
            SendStats stats = new SendStats();
            try (Progress progress = new Progress(out, stats, ledger, options.payloads(), terminal, 5)) {
                new Sender(clients.ingest(), ledger, stats, options.rate(), options.concurrency()).send(plan);
            }
            Findings findings = null;
            if (options.verify()) {
                findings = new EndChecks(options, plan, ledger, clients.query(), clients.archiver(), kafka, s3, consumer, out).run();
            }
            return new Outcome(options, plan, ledger, stats, profiles, profileSeconds, findings);
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            if (s3 != null) {
                s3.close();
            }
        }
    }

    private static void awaitReady(ProbesApi probes, URI service) throws Unreachable, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                probes.ready();
                return;
            } catch (FleetpulseProblemException | ProcessingException notYet) {
                last = notYet;
            }
            Thread.sleep(500);
        }
        throw new Unreachable(service.resolve("/q/health/ready") + " is not ready after " + READY_TIMEOUT.toSeconds() + " s (" + last + ")",
                last);
    }

    /** A call that needs {@code role} and changes nothing. */
    private record AccessProbe(String role, String call, Runnable request) {
    }

    /**
     * One harmless call per service with the run's token before anything is sent, so that a missing, expired or
     * underprivileged token stops the run with one message instead of a mismatch per request: an empty batch to
     * ingest, an unknown router from query and, when the run ends with an archive run, an unknown run from the archiver.
     */
    private static void requireAccess(Clients clients, SimulatorOptions options) throws Unreachable {
        Targets targets = options.targets();
        BearerToken token = options.token();
        String unknown = options.fleet().runTag() + "-access-check";
        List<AccessProbe> probes = new ArrayList<>(List.of(
                new AccessProbe(Roles.RESULTS_WRITE, "POST " + targets.ingest().resolve("/v1/results/batch"),
                        () -> clients.ingest().submitBatch(new ResultBatch(List.of()))),
                new AccessProbe(Roles.RESULTS_READ, "GET " + targets.query().resolve("/v1/routers/" + unknown),
                        () -> clients.query().router(unknown))));
        if (options.verify() && options.archiveOlderThan() != null) {
            probes.add(new AccessProbe(Roles.ARCHIVE_ADMIN, "GET " + targets.archiver().resolve("/v1/archive/runs/" + unknown),
                    () -> clients.archiver().run(unknown)));
        }
        for (AccessProbe probe : probes) {
            int status;
            try {
                probe.request().run();
                continue;
            } catch (FleetpulseProblemException refused) {
                status = refused.status();
            } catch (ProcessingException failed) {
                throw new Unreachable(probe.call() + " failed: " + failed, failed);
            }
            String call = probe.call() + " answered " + status;
            if (status == 401) {
                throw new Unreachable(call + (token.present()
                        ? ": the " + token + " is not accepted (expired, or not signed by the key and issuer the service trusts)"
                        : ": it needs a bearer token; give --token JWT or set " + BearerToken.ENVIRONMENT_VARIABLE
                                + " (the local stack prints development tokens)"), null);
            }
            if (status == 403) {
                throw new Unreachable(call + ": the " + token + " does not grant " + probe.role()
                        + " (the simulator needs results:write, results:read and archive:admin, and no isp claim)", null);
            }
        }
    }

    /** PUT every router's profile, {@code concurrency} at a time; anything but 201/200 is a mismatch. */
    private static int registerProfiles(IngestApi ingest, TrafficPlan plan, Ledger ledger, int concurrency) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger registered = new AtomicInteger();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (Router router : plan.fleet().routers()) {
                calls.add(pool.submit(() -> {
                    for (int attempt = 1; attempt <= 5; attempt++) {
                        try {
                            ingest.putProfile(router.profile());
                            registered.incrementAndGet();
                            return null;
                        } catch (FleetpulseProblemException refused) {
                            if (!refused.retryable()) {
                                ledger.mismatch("PUT /v1/routers/" + router.id() + " answered " + refused.status() + ": " + refused.body());
                                return null;
                            }
                        }
                        Thread.sleep(200L * attempt);
                    }
                    ledger.mismatch("PUT /v1/routers/" + router.id() + " still refused after 5 attempts");
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    ledger.mismatch("PUT profile failed: " + failed.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return registered.get();
    }
}
