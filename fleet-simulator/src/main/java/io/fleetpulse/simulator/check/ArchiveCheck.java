package io.fleetpulse.simulator.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.client.api.ArchiverApi;
import io.fleetpulse.client.model.ArchiveRunRequest;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.TestResult;

/**
 * An archive run over the simulated window: the archiver exports every result older than the cutoff it
 * reports to S3 and deletes it from the table. The ledger's results before the cutoff must then be in S3
 * exactly once (read straight from the objects), readable back through {@code GET /v1/archive/results}, and
 * gone from query-service's listings.
 */
final class ArchiveCheck {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final ArchiverApi archiver;
    private final ArchiveObjects s3;
    private final Instant from;
    private final Instant to;

    ArchiveCheck(ArchiverApi archiver, ArchiveObjects s3, Instant from, Instant to) {
        this.archiver = archiver;
        this.s3 = s3;
        this.from = from;
        this.to = to;
    }

    /** Starts the run and waits for it; returns the cutoff (null when the run did not succeed). */
    Instant run(Duration olderThan, Findings findings) throws InterruptedException {
        ArchiveRun started = archiver.start(ArchiveRunRequest.olderThan(olderThan));
        ArchiveRun run = await(started.runId());
        findings.archiveRun = run;
        if (run.status() != ArchiveRunStatus.SUCCEEDED) {
            findings.mismatches.add("archive", "run " + run.runId() + " ended " + run.status().wireName() + (run.error() == null ? "" : ": " + run.error())
                    + " after exporting " + run.exported());
            return null;
        }
        return run.cutoff();
    }

    /** Polls the run until it has finished or {@link #RUN_TIMEOUT} passed (then its last state). */
    private ArchiveRun await(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        ArchiveRun run;
        do {
            run = archiver.run(runId);
            if (run.status().finished()) {
                return run;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return run;
    }

    /** Each archived result of the run once in S3; no other row of the run there. */
    void objects(List<TestResult> archived, Predicate<JsonNode> ofRun, Findings findings) {
        ArchiveObjects.Contents contents = s3.read(from, to, ofRun);
        findings.s3 = contents;
        Set<String> expected = new HashSet<>();
        archived.forEach(result -> expected.add(result.routerId() + "/" + result.testId()));
        List<String> missing = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String id : expected) {
            int copies = contents.rowsByEventId().getOrDefault(id, 0);
            if (copies == 0) {
                missing.add(id);
            } else if (copies > 1) {
                repeated.add(id + " x" + copies);
            }
        }
        contents.rowsByEventId().keySet().stream().filter(id -> !expected.contains(id)).forEach(unexpected::add);
        report(findings, "S3 archive", "archived results missing", missing);
        report(findings, "S3 archive", "archived more than once", repeated);
        report(findings, "S3 archive", "rows not older than the cutoff or not in the ledger", unexpected);
    }

    /** The read-back API for a few routers: exactly their archived results, once each. */
    void readBack(List<String> routers, Map<String, List<TestResult>> archivedByRouter, Findings findings) {
        for (String router : routers) {
            List<TestResult> rows = archiver.archivedResults(router, from, to);
            findings.readBackRouters++;
            findings.readBackRows += rows.size();
            Map<String, Integer> copies = new HashMap<>();
            rows.forEach(row -> copies.merge(row.testId(), 1, Integer::sum));
            Set<String> expected = new HashSet<>();
            archivedByRouter.getOrDefault(router, List.of()).forEach(result -> expected.add(result.testId()));
            List<String> differences = new ArrayList<>();
            expected.stream().filter(id -> !copies.containsKey(id)).forEach(id -> differences.add("missing " + id));
            copies.forEach((id, count) -> {
                if (!expected.contains(id)) {
                    differences.add("unexpected " + id);
                } else if (count > 1) {
                    differences.add(id + " returned " + count + " times");
                }
            });
            if (!differences.isEmpty()) {
                findings.mismatches.add("GET /v1/archive/results", router + ": " + differences.subList(0, Math.min(5, differences.size()))
                        + (differences.size() > 5 ? " (" + differences.size() + " in all)" : ""));
            }
        }
    }

    private static void report(Findings findings, String check, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            findings.mismatches.add(check, ids.size() + " " + what + ": " + ids.subList(0, Math.min(5, ids.size()))
                    + (ids.size() > 5 ? " ..." : ""));
        }
    }
}
