package io.fleetpulse.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.client.model.HistoryItem;
import io.fleetpulse.client.FleetpulseClients;
import io.fleetpulse.client.api.IngestApi;
import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.client.model.BatchAnswer;
import io.fleetpulse.client.model.HistoryPage;
import io.fleetpulse.client.model.StoredKeys;
import io.fleetpulse.client.paging.CursorWalk;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.client.problem.FleetpulseProblemException.Kind;
import io.fleetpulse.client.retry.Retrying;
import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.testsupport.SharedLocalStack;
import io.fleetpulse.testsupport.TestTokens;

/**
 * The Java client from plain Java (no CDI: {@link FleetpulseClients} on RESTEasy's MicroProfile REST Client)
 * against ingest-service and query-service from their packaged jars: a range paged with the cursor walk equals
 * what was stored, and the errors arrive as typed problems (401, 409, 422 with its JSON Pointers, 429 with
 * {@code Retry-After} waited out by the retry policy). ingest's batch rate limit is 1 a second here, so a second
 * batch within the same second is refused with 429.
 */
class FleetpulseClientIT {

    private static final String BATCH_RATE_LIMIT = "-Dio.fleetpulse.ingest.service.Admission/batch/RateLimit/value=1";

    private static LocalServices services;
    private static URI ingestUrl;
    private static URI queryUrl;

    @BeforeAll
    static void startServices() throws Exception {
        LocalServices.Jars jars = LocalServices.Jars.fromSystemProperties();
        services = new LocalServices(SharedLocalStack.get());
        services.startIngestAndQuery(jars, List.of(BATCH_RATE_LIMIT), List.of());
        ingestUrl = services.get("ingest-service").url();
        queryUrl = services.get("query-service").url();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aRangePagedWithTheCursorWalkEqualsTheStoredResults() {
        IngestApi ingest = FleetpulseClients.at(ingestUrl).token(TestTokens::writer).retrying(IngestApi.class);
        QueryApi query = FleetpulseClients.at(queryUrl).token(TestTokens::reader).retrying(QueryApi.class);
        String router = router();
        ingest.putProfile(new RouterProfile(router, "rx-9", "1.2.3", "ams", "isp-a", null));
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<TestResult> stored = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            stored.add(result(router, start.plusSeconds(60L * i), i));
        }
        BatchAnswer answer = ingest.submitNdjson(stored);
        assertThat(answer.accepted()).isEqualTo(23);
        assertThat(answer.rejected()).isEmpty();

        CursorWalk<HistoryItem> walk = CursorWalk.of(cursor -> query.results(router, start, start.plus(1, ChronoUnit.DAYS), null, "asc", 5, cursor));
        List<TestResult> listed = new ArrayList<>();
        walk.forEachRemaining(item -> {
            assertThat(item.source()).isEqualTo(HistoryItem.TABLE);
            listed.add(item.result());
        });

        assertThat(walk.pages()).isEqualTo(5);
        assertThat(listed).extracting(TestResult::timestamp, TestResult::testType, TestResult::status, FleetpulseClientIT::mbps)
                .containsExactlyElementsOf(stored.stream().map(r -> tuple(r.timestamp(), r.testType(), r.status(), mbps(r))).toList());
        assertThat(query.walkResults(router, start, start.plus(1, ChronoUnit.DAYS), null, "desc", 7).map(item -> item.result().timestamp()).toList())
                .containsExactlyElementsOf(stored.stream().map(TestResult::timestamp).sorted(java.util.Comparator.reverseOrder()).toList());
        assertThat(query.router(router).profile().model()).isEqualTo("rx-9");
        TestResult newest = stored.get(22);
        assertThat(mbps(query.result(router, newest.timestamp(), listed.get(22).testId()))).isEqualTo("122");
    }

    @Test
    void aCallWithoutOrWithAForgedTokenIsAnUnauthorizedProblem() {
        QueryApi anonymous = FleetpulseClients.at(queryUrl).build(QueryApi.class);
        QueryApi forged = FleetpulseClients.at(queryUrl)
                .token(() -> TestTokens.reader().replaceFirst("\\.[^.]+$", ".c2lnbmVkLWVsc2V3aGVyZQ")).build(QueryApi.class);
        QueryApi wrongRole = FleetpulseClients.at(queryUrl).token(TestTokens::writer).build(QueryApi.class);

        for (QueryApi client : List.of(anonymous, forged)) {
            FleetpulseProblemException problem = catchThrowableOfType(FleetpulseProblemException.class, () -> client.locations(10, null));
            assertThat(problem.status()).isEqualTo(401);
            assertThat(problem.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(problem.retryable()).isFalse();
        }
        assertThat(catchThrowableOfType(FleetpulseProblemException.class, () -> wrongRole.locations(10, null)).kind()).isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void aDifferentResultUnderAStoredKeyIsAConflictAndTheStoredOneIsKept() {
        IngestApi ingest = FleetpulseClients.at(ingestUrl).token(TestTokens::writer).build(IngestApi.class);
        QueryApi query = FleetpulseClients.at(queryUrl).token(TestTokens::reader).build(QueryApi.class);
        String router = router();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestResult first = withTestId(result(router, at, 1), "t-1");
        StoredKeys keys = ingest.submit(first);
        assertThat(ingest.submit(first).sk()).as("the same result again is accepted").isEqualTo(keys.sk());

        FleetpulseProblemException conflict = catchThrowableOfType(FleetpulseProblemException.class,
                () -> ingest.submit(withTestId(result(router, at, 2), "t-1")));

        assertThat(conflict.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(conflict.typeSlug()).isEqualTo("conflict");
        assertThat(conflict.instance()).isEqualTo("/v1/results");
        assertThat(mbps(query.result(router, at, "t-1"))).isEqualTo("101");
    }

    @Test
    void anInvalidResultIsAnUnprocessableProblemNamingEachMemberByItsJsonPointer() {
        IngestApi ingest = FleetpulseClients.at(ingestUrl).token(TestTokens::writer).build(IngestApi.class);
        TestResult valid = result(router(), Instant.now().minusSeconds(60), 1);
        TestResult invalid = new TestResult(valid.routerId(), null, "Not A Type!", valid.timestamp(), null, valid.result(), valid.location(),
                valid.isp(), null, null, null);

        FleetpulseProblemException problem = catchThrowableOfType(FleetpulseProblemException.class, () -> ingest.submit(invalid));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.kind()).isEqualTo(Kind.UNPROCESSABLE);
        assertThat(problem.typeSlug()).isEqualTo("validation");
        assertThat(problem.title()).isNotBlank();
        assertThat(problem.pointers()).containsExactlyInAnyOrder("/test_type", "/status");
        assertThat(problem.errors()).allSatisfy(error -> assertThat(error.message()).isNotBlank());
    }

    @Test
    void aRateLimitedBatchIsSentAgainAfterItsRetryAfterAndThenStored() {
        IngestApi plain = FleetpulseClients.at(ingestUrl).token(TestTokens::writer).build(IngestApi.class);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        IngestApi retrying = Retrying.wrap(IngestApi.class, plain, (delay, cause) -> {
            waits.add(delay);
            causes.add(cause);
            Thread.sleep(delay.toMillis());
        });
        QueryApi query = FleetpulseClients.at(queryUrl).token(TestTokens::reader).build(QueryApi.class);
        String router = router();
        Instant at = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        // batches back to back until one is refused: the window's one batch is taken (two may straddle a window's end)
        FleetpulseProblemException refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            int index = i;
            refused = catchThrowableOfType(FleetpulseProblemException.class,
                    () -> plain.submitNdjson(List.of(result(router, at.plusSeconds(index), index))));
        }
        assertThat(refused).as("a batch refused within 5 back-to-back ones").isNotNull();
        assertThat(refused.kind()).isEqualTo(Kind.TOO_MANY_REQUESTS);
        assertThat(refused.retryable()).isTrue();
        assertThat(refused.retryAfter()).hasValueSatisfying(after -> assertThat(after).isPositive());

        long begin = System.nanoTime();
        BatchAnswer answer;
        do {
            // back to back until one lands in a full window and has to wait (a new window may just have begun)
            answer = retrying.submitNdjson(List.of(result(router, at.plusSeconds(10 + waits.size()), 50)));
        } while (waits.isEmpty() && System.nanoTime() - begin < Duration.ofSeconds(20).toNanos());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(answer.accepted()).isOne();
        assertThat(causes).isNotEmpty().allSatisfy(cause -> assertThat(((FleetpulseProblemException) cause).status()).isEqualTo(429));
        FleetpulseProblemException first = (FleetpulseProblemException) causes.get(0);
        assertThat(waits.get(0)).as("the wait is the Retry-After asked for").isEqualTo(first.retryAfter().orElseThrow());
        assertThat(elapsed).isGreaterThanOrEqualTo(waits.get(0));
        HistoryPage stored = query.results(router, at, at.plus(1, ChronoUnit.HOURS), null, "asc", 100, null);
        assertThat(stored.items()).extracting(item -> mbps(item.result())).contains("150");
        assertThat(stored.nextCursor()).isNull();
    }

    @Test
    void withoutARetryTheRefusalIsThrownAtOnce() {
        IngestApi plain = FleetpulseClients.at(ingestUrl).token(TestTokens::writer).build(IngestApi.class);
        String router = router();
        Instant at = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 5; i++) {
                plain.submitNdjson(List.of(result(router, at.plusSeconds(i), i)));
            }
        }).isInstanceOfSatisfying(FleetpulseProblemException.class, problem -> assertThat(problem.status()).isEqualTo(429));
    }

    private static String mbps(TestResult result) {
        return String.valueOf(result.result().get("download_mbps"));
    }

    private static String router() {
        return "rtr-client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TestResult result(String router, Instant at, int i) {
        return new TestResult(router, null, "speed", at, i % 4 == 0 ? TestStatus.FAILED : TestStatus.OK,
                Map.of("download_mbps", new BigDecimal(100 + i), "latency_ms", new BigDecimal("12.5")), "ams", "isp-a", null, null, null);
    }

    private static TestResult withTestId(TestResult result, String testId) {
        return new TestResult(result.routerId(), testId, result.testType(), result.timestamp(), result.status(), result.result(),
                result.location(), result.isp(), null, null, null);
    }
}
