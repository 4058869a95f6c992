package io.fleetpulse.archiver.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.restassured.response.Response;

/**
 * One archive run at a time: a start answered 409 (a run another test class started still holds the run lock, or
 * waits to be resumed after its application stopped) is sent again until it is answered otherwise.
 */
public final class ArchiveRunStarts {

    private ArchiveRunStarts() {
    }

    public static Response whenNoOtherRun(Supplier<Response> post) {
        AtomicReference<Response> last = new AtomicReference<>();
        await("no other archive run").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    last.set(post.get());
                    return last.get().statusCode() != 409;
                });
        return last.get();
    }
}
