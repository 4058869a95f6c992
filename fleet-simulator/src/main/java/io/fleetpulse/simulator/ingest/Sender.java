package io.fleetpulse.simulator.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

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

    private final IngestClient client;
    private final Ledger ledger;
    private final SendStats stats;
    private final double rate;
    private final int concurrency;

    public Sender(IngestClient client, Ledger ledger, SendStats stats, double rate, int concurrency) {
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
            IngestClient.Answer answer;
            try {
                answer = client.send(request.type(), Request.body(request.type(), pending));
            } catch (IOException timedOutOrBroken) {
                cause = timedOutOrBroken.getClass().getSimpleName();
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

    /** Returns what must be sent again (nothing, or the payload itself). */
    private List<Payload> single(Payload payload, IngestClient.Answer answer) {
        int status = answer.status();
        if (status == 429 || status == 503) {
            return List.of(payload);
        }
        answered(payload);
        if (status == 201 || status == 200) {
            ledger.accepted(payload);
            if (payload.mustBeAccepted()) {
                String testId = Json.tree(answer.body()).path("test_id").asText(null);
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
    private List<Payload> batch(Request request, List<Payload> sent, IngestClient.Answer answer) {
        int status = answer.status();
        JsonNode body = status == 200 || status == 503 ? parse(answer.body()) : null;
        boolean report = body != null && body.has("accepted") && body.has("rejected");
        if (status == 429 || (status == 503 && !report)) {
            return sent;
        }
        if (!report) {
            ledger.mismatch("batch request " + request.index() + " (" + request.type() + ", " + sent.size() + " payloads) refused whole: "
                    + status + " " + answer.body());
            sent.forEach(this::answered);
            return List.of();
        }
        Map<Integer, String> rejected = new HashMap<>();
        for (JsonNode item : body.path("rejected")) {
            rejected.put(item.path("index").asInt(), item.path("reason").asText());
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
        if (body.path("accepted").asLong() != listedAccepted) {
            ledger.mismatch("batch request " + request.index() + ": accepted " + body.path("accepted").asLong() + " but "
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
    static String reasonOf(IngestClient.Answer answer) {
        JsonNode problem = parse(answer.body());
        String type = problem == null ? "" : problem.path("type").asText("");
        String suffix = type.substring(Math.max(type.lastIndexOf('/'), type.lastIndexOf(':')) + 1);
        return switch (suffix) {
            case "validation" -> "invalid";
            case "expired" -> "expired";
            case "malformed-json" -> "malformed";
            case "conflict" -> "conflict";
            case "too-large" -> "too_large";
            default -> "status " + answer.status();
        };
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.tree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static void backoff(int attempt, long retryAfterSeconds) throws InterruptedException {
        long millis = retryAfterSeconds > 0 ? retryAfterSeconds * 1000
                : Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(6, attempt - 1));
        Thread.sleep(millis);
    }
}
