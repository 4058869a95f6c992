package io.fleetpulse.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.fleetpulse.localstack.capacity.FaultInjection;
import io.fleetpulse.testsupport.CapacityEmulation;
import io.fleetpulse.testsupport.HttpLoad;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.StatusTally;
import io.fleetpulse.testsupport.TestClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB misbehaving under ingest, with the production retry, timeout and circuit-breaker settings: a throttling
 * storm (30% of the calls refused) and a 10 s outage (every call dropped), both injected by the capacity proxy in
 * front of DynamoDB Local. Single POSTs, JSON and NDJSON batches run side by side; a {@link ResultLedger} matches
 * the table (read past the proxy) to the acknowledgements: every acknowledged result stored exactly once, every
 * refusal a 429 or 503 problem with Retry-After (never another 5xx), and after the client re-sends what was
 * refused, everything stored once. A refused result may be stored all the same (a call that timed out after
 * DynamoDB had taken it: "not written" means "send it again", which is idempotent); those are counted, not failed.
 */
@QuarkusTest
@TestProfile(StoreFaultProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreFaultTests {

    private static final double FACTOR = StoreFaultProfile.FACTOR;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    @BeforeEach
    @AfterEach
    void calm() {
        CapacityEmulation.reset(FACTOR);
    }

    @Test
    @Order(1)
    void aThrottlingStormLosesAndDuplicatesNothing() {
        CapacityEmulation.throttleFraction(FACTOR, 0.3);
        ResultLedger ledger = new ResultLedger("storm", 20);
        StatusTally tally = new StatusTally();
        List<String> wrong = new ArrayList<>();
        try (HttpLoad load = new HttpLoad(8)) {
            List<Integer> singles = ledger.add(200);
            List<List<Integer>> jsonBatches = batches(ledger, 8, 100);
            List<List<Integer>> ndjsonBatches = batches(ledger, 4, 100);
            send(load, ledger, singles, jsonBatches, ndjsonBatches, tally, wrong);
            FaultInjection.Snapshot faults = CapacityEmulation.faults(FACTOR);

            Map<Integer, Integer> stored = stored(ledger);
            ResultLedger.Figures figures = ResultLedger.Figures.of(ledger, stored);
            System.out.printf("Throttling storm (30%% of DynamoDB calls refused, %d throttles injected), answers:%n%s%n  batch items not"
                    + " acknowledged: %s%n", faults.injectedThrottles(), tally, ledger.notWrittenBecause());
            System.out.printf("RELIABILITY throttling-storm: %s 429=%d 503=%d other-5xx=%d%n", figures.line(), tally.count(429),
                    tally.count(503), tally.count(500, 599) - tally.count(503));

            assertThat(wrong).as("answers outside the contract").isEmpty();
            // about 30 % of some 250 calls: 200 single puts, and a transaction per chunk of 25 batch items
            assertThat(faults.injectedThrottles()).as("the storm hit").isGreaterThan(50);
            assertThat(figures.lost()).as("acknowledged but not stored").isZero();
            assertThat(figures.duplicates()).as("stored twice").isZero();
            assertThat(figures.acknowledged()).as("results got through the storm").isPositive();

            // the client re-sends what was refused, in the storm, until everything is acknowledged
            int rounds = resendUntilAcknowledged(load, ledger, tally, wrong, 8);
            ResultLedger.Figures after = ResultLedger.Figures.of(ledger, stored(ledger));
            System.out.printf("RELIABILITY throttling-storm after %d re-send rounds: %s%n", rounds, after.line());
            assertThat(wrong).isEmpty();
            assertThat(after.acknowledged()).isEqualTo(ledger.size());
            assertThat(after.found()).isEqualTo(ledger.size());
            assertThat(after.duplicates()).isZero();
        }
    }

    @Test
    @Order(2)
    void aTenSecondOutageIsAnsweredWithRetryAfterAndIngestServesAgainWithoutARestart() throws Exception {
        Duration outage = Duration.ofSeconds(10);
        ResultLedger ledger = new ResultLedger("outage", 10);
        StatusTally tally = new StatusTally();
        List<String> wrong = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong outageEnds = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstSuccessAfter = new AtomicLong(Long.MAX_VALUE);
        List<String> readiness = new ArrayList<>();
        Timeline timeline = new Timeline();
        int clientCount = 8;
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        try (HttpLoad load = new HttpLoad(clientCount + 1)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                boolean batches = c >= clientCount - 2;
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        List<Integer> seqs = ledger.add(batches ? 20 : 1);
                        long sent = System.nanoTime();
                        HttpLoad.Answer answer = load.send(batches ? ledger.batch(base, seqs, seqs.get(0) % 2 == 0) : ledger.single(base, seqs.get(0)));
                        record(batches ? "batch" : "single", answer, tally, wrong);
                        timeline.add(sent, System.nanoTime(), answer.status());
                        boolean acknowledged = batches ? ledger.batchAnswered(seqs, answer) > 0 : ledger.singleAnswered(seqs.get(0), answer);
                        if (acknowledged && System.nanoTime() > outageEnds.get()) {
                            firstSuccessAfter.accumulateAndGet(System.nanoTime(), Math::min);
                        }
                        if (!acknowledged) {
                            pause(Duration.ofMillis(200));
                        }
                    }
                    return null;
                }));
            }
            pause(Duration.ofSeconds(2));
            readiness.add("before " + ready(load));
            CapacityEmulation.unavailableFor(FACTOR, outage);
            timeline.mark(System.nanoTime());
            outageEnds.set(System.nanoTime() + outage.toNanos());
            pause(Duration.ofSeconds(3));
            readiness.add("during " + ready(load));
            while (System.nanoTime() < outageEnds.get()) {
                pause(Duration.ofMillis(200));
            }
            await("a write acknowledged after the outage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> firstSuccessAfter.get() != Long.MAX_VALUE);
            pause(Duration.ofSeconds(2)); // and serving steadily
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            readiness.add("after " + ready(load));
            FaultInjection.Snapshot faults = CapacityEmulation.faults(FACTOR);
            double recoverySeconds = (firstSuccessAfter.get() - outageEnds.get()) / 1e9;

            Map<Integer, Integer> stored = stored(ledger);
            ResultLedger.Figures figures = ResultLedger.Figures.of(ledger, stored);
            System.out.printf("DynamoDB unavailable for %d s (%d calls dropped), answers:%n%s%n  readiness %s%n  batch items not"
                    + " acknowledged: %s%n  answers by the second they were sent, from the outage's start:%n%s", outage.toSeconds(),
                    faults.droppedCalls(), tally, readiness, ledger.notWrittenBecause(), timeline);
            System.out.printf("RELIABILITY dynamodb-outage: %s 429=%d 503=%d other-5xx=%d %s recovered-after-outage-s=%.1f%n",
                    figures.line(), tally.count(429), tally.count(503), tally.count(500, 599) - tally.count(503), timeline.refusalLatency(),
                    recoverySeconds);

            assertThat(wrong).as("answers outside the contract").isEmpty();
            assertThat(faults.droppedCalls()).as("the outage hit").isPositive();
            assertThat(tally.count(503)).as("refused while DynamoDB was away").isPositive();
            assertThat(readiness).containsExactly("before UP", "during DOWN", "after UP");
            assertThat(recoverySeconds).as("serving again without a restart").isLessThan(30);
            assertThat(figures.lost()).isZero();
            assertThat(figures.duplicates()).isZero();

            int rounds = resendUntilAcknowledged(load, ledger, tally, wrong, 5);
            ResultLedger.Figures after = ResultLedger.Figures.of(ledger, stored(ledger));
            System.out.printf("RELIABILITY dynamodb-outage after %d re-send rounds: %s%n", rounds, after.line());
            assertThat(after.found()).isEqualTo(ledger.size());
            assertThat(after.duplicates()).isZero();
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
    }

    private static List<List<Integer>> batches(ResultLedger ledger, int count, int size) {
        List<List<Integer>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(ledger.add(size));
        }
        return batches;
    }

    /** Sends singles and batches side by side and records every answer in the ledger. */
    private void send(HttpLoad load, ResultLedger ledger, List<Integer> singles, List<List<Integer>> json, List<List<Integer>> ndjson,
            StatusTally tally, List<String> wrong) {
        List<HttpRequest> requests = new ArrayList<>();
        List<Runnable> afterwards = new ArrayList<>();
        List<HttpLoad.Answer> answers = new ArrayList<>();
        // interleave: a batch after every 20 singles
        int batchIndex = 0;
        List<List<Integer>> allBatches = new ArrayList<>(json);
        allBatches.addAll(ndjson);
        for (int i = 0; i < singles.size(); i++) {
            int seq = singles.get(i);
            int position = requests.size();
            requests.add(ledger.single(base, seq));
            afterwards.add(() -> {
                record("single", answers.get(position), tally, wrong);
                ledger.singleAnswered(seq, answers.get(position));
            });
            if (i % 20 == 19 && batchIndex < allBatches.size()) {
                addBatch(ledger, allBatches.get(batchIndex), batchIndex >= json.size(), requests, afterwards, answers, tally, wrong);
                batchIndex++;
            }
        }
        for (; batchIndex < allBatches.size(); batchIndex++) {
            addBatch(ledger, allBatches.get(batchIndex), batchIndex >= json.size(), requests, afterwards, answers, tally, wrong);
        }
        answers.addAll(load.send(requests));
        afterwards.forEach(Runnable::run);
    }

    private void addBatch(ResultLedger ledger, List<Integer> seqs, boolean ndjson, List<HttpRequest> requests, List<Runnable> afterwards,
            List<HttpLoad.Answer> answers, StatusTally tally, List<String> wrong) {
        int position = requests.size();
        requests.add(ledger.batch(base, seqs, ndjson));
        afterwards.add(() -> {
            record(ndjson ? "ndjson batch" : "json batch", answers.get(position), tally, wrong);
            ledger.batchAnswered(seqs, answers.get(position));
        });
    }

    /** Re-sends every unacknowledged result in JSON batches of 100, round after round; returns the rounds it took. */
    private int resendUntilAcknowledged(HttpLoad load, ResultLedger ledger, StatusTally tally, List<String> wrong, int maxRounds) {
        int round = 0;
        for (List<Integer> left = ledger.unacknowledged(); !left.isEmpty() && round < maxRounds; left = ledger.unacknowledged()) {
            round++;
            List<List<Integer>> again = new ArrayList<>();
            for (int i = 0; i < left.size(); i += 100) {
                again.add(left.subList(i, Math.min(i + 100, left.size())));
            }
            send(load, ledger, List.of(), again, List.of(), tally, wrong);
            if (!ledger.unacknowledged().isEmpty()) {
                pause(Duration.ofSeconds(1)); // what Retry-After asks for
            }
        }
        return round;
    }

    /** Counts the answer and notes it when it breaks the contract: 2xx, or 429/503 as a problem with Retry-After. */
    private static void record(String kind, HttpLoad.Answer answer, StatusTally tally, List<String> wrong) {
        tally.add(kind, answer.status());
        int status = answer.status();
        boolean ok = status == 200 || status == 201
                || (status == 429 || status == 503) && answer.header("Retry-After").isPresent()
                        && answer.mediaType().equals("application/problem+json");
        if (!ok) {
            synchronized (wrong) {
                wrong.add(kind + ": " + status + " " + answer.header("Retry-After").orElse("(no Retry-After)") + " "
                        + (answer.failure() != null ? answer.failure() : answer.text()));
            }
        }
    }

    private String ready(HttpLoad load) {
        int status = load.send(HttpLoad.request(base.resolve("/q/health/ready"), null).GET().build()).status();
        return status == 200 ? "UP" : status == 503 ? "DOWN" : "status " + status;
    }

    private Map<Integer, Integer> stored(ResultLedger ledger) {
        try (DynamoDbClient direct = TestClients.dynamoDb()) {
            return ledger.stored(direct, table);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
