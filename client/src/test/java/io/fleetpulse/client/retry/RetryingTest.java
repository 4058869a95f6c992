package io.fleetpulse.client.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.NullNode;

import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.client.problem.FleetpulseRetryableException;
import io.fleetpulse.client.problem.ProblemExceptionMapper;

class RetryingTest {

    /** A service answering from a script: each call takes the next answer (an exception to throw, or a value). */
    @Retry(maxRetries = 3, delay = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            retryOn = {FleetpulseRetryableException.class, ProcessingException.class})
    interface Service {
        String call();

        default String twice() {
            return call() + call();
        }
    }

    private final List<Duration> waits = new ArrayList<>();

    private Service scripted(Object... answers) {
        Deque<Object> script = new ArrayDeque<>(List.of(answers));
        Service direct = () -> {
            Object next = script.removeFirst();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            return (String) next;
        };
        return Retrying.wrap(Service.class, direct, (delay, cause) -> waits.add(delay));
    }

    private static FleetpulseProblemException answer(int status, String retryAfter) {
        return ProblemExceptionMapper.of(status, NullNode.getInstance(), retryAfter);
    }

    @Test
    void aRetryableRefusalIsCalledAgainAfterItsRetryAfter() {
        Service service = scripted(answer(429, "3"), answer(503, "1"), "ok");

        assertThat(service.call()).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    @Test
    void withoutRetryAfterTheWaitGrowsFromTheDelay() {
        Service service = scripted(new ProcessingException("connection reset"), answer(503, null), "ok");

        assertThat(service.call()).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aRefusalThatIsNotRetryableIsThrownAtOnce() {
        Service service = scripted(answer(409, null), "never");

        assertThatThrownBy(service::call).isInstanceOfSatisfying(FleetpulseProblemException.class,
                problem -> assertThat(problem.kind()).isEqualTo(FleetpulseProblemException.Kind.CONFLICT));
        assertThat(waits).isEmpty();
    }

    @Test
    void afterMaxRetriesTheLastRefusalIsThrown() {
        Service service = scripted(answer(429, "1"), answer(429, "1"), answer(429, "1"), answer(429, "2"), "too late");

        assertThatThrownBy(service::call).isInstanceOfSatisfying(FleetpulseRetryableException.class,
                problem -> assertThat(problem.retryAfter()).hasValue(Duration.ofSeconds(2)));
        assertThat(waits).hasSize(3);
    }

    @Test
    void aRetryAfterBeyondTheMaxDurationIsNotWaitedFor() {
        Service service = scripted(answer(503, "30"), answer(503, "30"), answer(503, "30"));

        assertThatThrownBy(service::call).isInstanceOf(FleetpulseRetryableException.class);
        assertThat(waits).as("30 s twice fits in 60 s, a third time does not").hasSize(2);
    }

    @Test
    void eachCallOfADefaultMethodIsRetriedOnItsOwn() {
        Service service = scripted("a", answer(429, "1"), "b");

        assertThat(service.twice()).isEqualTo("ab");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void theClientInterfacesCarryThePolicy() throws Exception {
        Retry policy = Retrying.policy(QueryApi.class.getMethod("locations", Integer.class, String.class));

        assertThat(policy).isNotNull();
        assertThat(policy.retryOn()).contains(FleetpulseRetryableException.class, ProcessingException.class);
        assertThat(policy.abortOn()).isEmpty();
    }
}
