package io.fleetpulse.simulator.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.ProcessingException;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.client.api.IngestApi;
import io.fleetpulse.client.model.BatchAnswer;
import io.fleetpulse.client.model.StoredKeys;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.simulator.json.Json;
import io.fleetpulse.simulator.ledger.Ledger;
import io.fleetpulse.simulator.plan.Payload;
import io.fleetpulse.simulator.plan.Request;
import io.fleetpulse.simulator.plan.TrafficPlan;

/**
 * Sends a plan's requests on {@code concurrency} workers, each request when its pacing time has come
 * ({@code ordinal / rate} after the start), and reports every payload's fate to the ledger. Saturation (429),
 * unavailability (503) and timeouts are waited out and sent again whole (the payloads are idempotent); batch
 * items reported {@code not_written} are sent again on their own. A request is given up only after
 * {@link #REQUEST_DEADLINE}: a call that timed out may still have been stored, so giving up early would leave
 * the ledger short of what the system holds. A request given up is a mismatch.
 */
public final class Sender {

    static final java.time.Duration REQUEST_DEADLINE = java.time.Duration.ofMinutes(10);
    static final long MAX_BACKOFF_MILLIS = 5_000;

    private final IngestApi client;
    private final Ledger ledger;
    private final SendStats stats;
    private final double rate;
    private final int concurrency;

    /**
     * One answer of ingest-service: the status (200 for every success: a single result's 201 and 200 are alike
     * here), the stored keys or the batch report, and for a refusal its problem ({@code Retry-After}, body).
     */
    record Answer(int status, StoredKeys stored, BatchAnswer report, FleetpulseProblemException problem, long nanos) {

        long retryAfterSeconds() {
            return problem == null ? 0 : problem.retryAfter().map(java.time.Duration::toSeconds).orElse(0L);
        }
    }

    public Sender(IngestApi client, Ledger ledger, SendStats stats, double rate, int concurrency) {
        this.client = client;
        this.ledger = ledger;
        this.stats = stats;
        this.rate = rate;
        this.concurrency = concurrency;
    }

    public void send(TrafficPlan plan) throws InterruptedException {
        List<Request> requests = plan.requests();
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "sender");
            thread.setDaemon(true);
            return thread;
        });
        stats.startedNanos = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                running.add(workers.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < requests.size()) {
                        Request request = requests.get(index);
                        waitUntilDue(request);
                        process(request);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    throw new IllegalStateException("a sender failed", failed.getCause());
                }
            }
        } finally {
            stats.finishedNanos = System.nanoTime();
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void waitUntilDue(Request request) throws InterruptedException {
        if (rate <= 0) {
            return;
        }
        long lastOrdinal = request.payloads().get(request.payloads().size() - 1).ordinal();
        long due = stats.startedNanos + (long) (lastOrdinal / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void process(Request request) throws InterruptedException {
        List<Payload> pending = request.payloads();
        int attempt = 0;
        String cause = null;
        long deadline = System.nanoTime() + REQUEST_DEADLINE.toNanos();
        while (!pending.isEmpty()) {
            if (attempt++ > 0 && System.nanoTime() > deadline) {
                ledger.mismatch("request " + request.index() + " (" + request.type() + ", " + pending.size()
                        + " payloads) still not answered after " + REQUEST_DEADLINE.toMinutes() + " min (last: " + cause + ")");
                return;
            }
            if (cause != null) {
                stats.resent(cause);
            }
            Answer answer;
            try {
                answer = send(request.type(), Request.body(request.type(), pending));
            } catch (ProcessingException timedOutOrBroken) {
                Throwable io = timedOutOrBroken.getCause() == null ? timedOutOrBroken : timedOutOrBroken.getCause();
                cause = io.getClass().getSimpleName();
                backoff(attempt, 0);
                continue;
            }
            (request.type() == Request.Type.SINGLE ? stats.single : stats.batch).record(answer.nanos());
            pending = request.type() == Request.Type.SINGLE ? single(pending.get(0), answer) : batch(request, pending, answer);
            if (!pending.isEmpty()) {
                cause = answer.status() == 200 ? "not_written" : Integer.toString(answer.status());
                backoff(attempt, answer.retryAfterSeconds());
            }
        }
        stats.requestsAnswered.incrementAndGet();
    }

    /** One call; a refusal is an answer too, a timeout or broken connection is thrown. */
    private Answer send(Request.Type type, byte[] body) {
        long begin = System.nanoTime();
        try {
            return switch (type) {
                case SINGLE -> new Answer(200, client.submitJson(body), null, null, System.nanoTime() - begin);
                case JSON_BATCH -> new Answer(200, null, client.submitBatchJson(body), null, System.nanoTime() - begin);
                case NDJSON_BATCH -> new Answer(200, null, client.submitNdjson(body), null, System.nanoTime() - begin);
            };
        } catch (FleetpulseProblemException refused) {
            return new Answer(refused.status(), null, reportOf(refused), refused, System.nanoTime() - begin);
        }
    }

    /** The per-item report a 503 of a batch carries among its problem's members, or null. */
    private static BatchAnswer reportOf(FleetpulseProblemException refused) {
        JsonNode body = refused.body();
        return body.has("accepted") && body.has("rejected") ? Json.read(body, BatchAnswer.class) : null;
    }

    /** Returns what must be sent again (nothing, or the payload itself). */
    private List<Payload> single(Payload payload, Answer answer) {
        int status = answer.status();
        if (status == 429 || status == 503) {
            return List.of(payload);
        }
        answered(payload);
        if (status == 200) {
            ledger.accepted(payload);
            if (payload.mustBeAccepted()) {
                String testId = answer.stored().testId();
                if (!payload.storedTestId().equals(testId)) {
                    ledger.mismatch("POST /v1/results answered test_id " + testId + " for " + payload.key());
                }
            }
        } else if (payload.invalid() != null && status != payload.invalid().singleStatus()) {
            ledger.rejected(payload, reasonOf(answer));
            ledger.mismatch("invalid payload (" + payload.invalid() + ") answered " + status + ", expected "
                    + payload.invalid().singleStatus());
        } else {
            ledger.rejected(payload, reasonOf(answer));
        }
        return List.of();
    }

    /** Returns the payloads to send again: all on 429 or a bare 503, those reported not_written otherwise. */
    private List<Payload> batch(Request request, List<Payload> sent, Answer answer) {
        int status = answer.status();
        BatchAnswer report = answer.report();
        if (status == 429 || (status == 503 && report == null)) {
            return sent;
        }
        if (report == null) {
            ledger.mismatch("batch request " + request.index() + " (" + request.type() + ", " + sent.size() + " payloads) refused whole: "
                    + status + " " + answer.problem().body());
            sent.forEach(this::answered);
            return List.of();
        }
        Map<Integer, String> rejected = new HashMap<>();
        for (BatchAnswer.Rejected item : report.rejected()) {
            rejected.put(item.index(), item.reason());
        }
        List<Payload> again = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Payload payload = sent.get(i);
            String reason = rejected.get(i);
            if ("not_written".equals(reason)) {
                again.add(payload);
                continue;
            }
            answered(payload);
            if (reason == null) {
                ledger.accepted(payload);
            } else {
                ledger.rejected(payload, reason);
            }
        }
        long listedAccepted = sent.size() - rejected.size();
        if (report.accepted() != listedAccepted) {
            ledger.mismatch("batch request " + request.index() + ": accepted " + report.accepted() + " but "
                    + listedAccepted + " of " + sent.size() + " items not listed as rejected");
        }
        return again;
    }

    private void answered(Payload payload) {
        stats.payloadsAnswered.incrementAndGet();
        if (payload.result() != null) {
            stats.advanceSimulatedTime(payload.result().timestamp());
        }
    }

    /** The reason a single call was refused, named as in batch answers (from the problem's type). */
    static String reasonOf(Answer answer) {
        return switch (answer.problem().typeSlug()) {
            case "validation" -> "invalid";
            case "expired" -> "expired";
            case "malformed-json" -> "malformed";
            case "conflict" -> "conflict";
            case "too-large" -> "too_large";
            default -> "status " + answer.status();
        };
    }

    private static void backoff(int attempt, long retryAfterSeconds) throws InterruptedException {
        long millis = retryAfterSeconds > 0 ? retryAfterSeconds * 1000
                : Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(6, attempt - 1));
        Thread.sleep(millis);
    }
}
