package io.fleetpulse.ingest.service;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;

import io.smallrye.faulttolerance.api.RateLimit;

/**
 * Admission control of ingest requests, taken before their body is read: a request over these limits is refused
 * whole (429, {@code Retry-After}) having read nothing of its body, so a 32 MB batch costs no memory when the
 * service is saturated. The work passed in reads, parses and stores the body. Values are overridable as
 * {@code io.fleetpulse.ingest.service.Admission/<method>/<Annotation>/<property>}.
 */
@ApplicationScoped
public class Admission {

    /** The work of one admitted request. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** One result (POST /v1/results). */
    @Bulkhead(value = 64)
    public <T> T single(Work<T> work) throws IOException {
        return work.run();
    }

    /** A JSON batch or an NDJSON stream (POST /v1/results/batch). */
    @Bulkhead(value = 16)
    @RateLimit(value = 200, window = 1, windowUnit = ChronoUnit.SECONDS)
    public <T> T batch(Work<T> work) throws IOException {
        return work.run();
    }
}
