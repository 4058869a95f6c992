package io.fleetpulse.query.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.client.model.HistoryItem;
import io.fleetpulse.client.model.RouterOverview;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.it.Seed;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Java client as a Quarkus application uses it: {@link QueryApi} injected with {@code @RestClient} (Quarkus' REST
 * client, configured by the interface's name) against this running query-service. Its annotations apply there: the
 * problem mapper turns answers into typed exceptions, SmallRye Fault Tolerance's {@code @Retry} waits a 503's
 * Retry-After and tries again, and {@code @Timeout} (5 s here, by configuration) ends a call that gets no answer.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class JavaClientInQuarkusTests {

    static final String ROUTER = Seed.unique("client-router");
    static final String LOCATION = Seed.unique("client-loc");
    static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    static Seed seed;
    static List<TestResult> results;

    @Inject
    @RestClient
    QueryApi query;

    @BeforeAll
    static void seed() {
        seed = Seed.open();
        results = List.of(
                Seed.result(ROUTER, "latency", AT, "client-1", false, LOCATION, "isp-a", Seed.alive()),
                Seed.result(ROUTER, "latency", AT.plusSeconds(60), "client-2", true, LOCATION, "isp-a", Seed.alive()),
                Seed.result(ROUTER, "latency", AT.plusSeconds(120), "client-3", false, LOCATION, "isp-a", Seed.alive()));
        seed.results(results);
        seed.latest(results.get(2));
        seed.profile(Seed.profileOf(ROUTER, LOCATION, "isp-a"));
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    @BeforeEach
    void reader() {
        ClientFaults.reset(TestTokens.reader());
    }

    @Test
    void readsAndWalksPagesThroughTheInjectedClient() {
        RouterOverview overview = query.router(ROUTER);

        assertThat(overview.profile().routerId()).isEqualTo(ROUTER);
        assertThat(overview.latest().get("latency").testId()).isEqualTo("client-3");
        List<HistoryItem> history = query.walkResults(ROUTER, AT, AT.plusSeconds(180), null, "asc", 2).toList();
        assertThat(history).extracting(item -> item.result().testId()).containsExactly("client-1", "client-2", "client-3");
        assertThat(history).extracting(HistoryItem::source).containsOnly(HistoryItem.TABLE);
        assertThat(ClientFaults.ATTEMPTS).as("the overview and two pages").hasValue(3);
    }

    @Test
    void problemsAreTypedExceptionsAndNotRetried() {
        FleetpulseProblemException notFound = catchThrowableOfType(FleetpulseProblemException.class,
                () -> query.router(Seed.unique("no-such-router")));
        ClientFaults.TOKEN.set(null);
        FleetpulseProblemException unauthorized = catchThrowableOfType(FleetpulseProblemException.class, () -> query.router(ROUTER));
        ClientFaults.TOKEN.set(TestTokens.writer());
        FleetpulseProblemException forbidden = catchThrowableOfType(FleetpulseProblemException.class, () -> query.router(ROUTER));

        assertThat(notFound.kind()).isEqualTo(FleetpulseProblemException.Kind.NOT_FOUND);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.detail()).contains("no-such-router");
        assertThat(unauthorized.kind()).isEqualTo(FleetpulseProblemException.Kind.UNAUTHORIZED);
        assertThat(forbidden.kind()).isEqualTo(FleetpulseProblemException.Kind.FORBIDDEN);
        assertThat(ClientFaults.ATTEMPTS).as("one attempt each").hasValue(3);
    }

    @Test
    void aStoreFailureIsRetriedAfterItsRetryAfter() {
        ClientFaults.STORE_DOWN.set(1);
        long start = System.nanoTime();

        RouterOverview overview = query.router(ROUTER);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(overview.profile().routerId()).isEqualTo(ROUTER);
        assertThat(ClientFaults.ATTEMPTS).as("the 503, then the retry").hasValue(2);
        long retryAfter = Long.parseLong(ClientFaults.RETRY_AFTER.get());
        assertThat(retryAfter).as("the 503's Retry-After, seconds").isPositive();
        assertThat(took).as("the retry waited the Retry-After").isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfter));
    }

    @Test
    void theTimeoutEndsACallThatGetsNoAnswer() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ClientFaults.STALL.set(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
            long start = System.nanoTime();

            TimeoutException timeout = catchThrowableOfType(TimeoutException.class, () -> query.router(ROUTER));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(timeout).isNotNull();
            assertThat(took).isBetween(Duration.ofMillis(4_500), Duration.ofSeconds(20));
            assertThat(ClientFaults.ATTEMPTS).as("a timeout is not retried").hasValue(1);
        }
    }
}
