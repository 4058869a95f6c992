package io.fleetpulse.testsupport.probe;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.Problems;
import io.smallrye.faulttolerance.api.RateLimit;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Test-only endpoints (this jar is on the services' test class path only) for the answers {@code ProblemContract}
 * cannot get from a real request to every service: a real SmallRye rate limit, a store failure as the SDK raises it,
 * and a 409 and a 422 for the query-service, which has no conflicts and no unprocessable bodies. Each goes through the
 * same kit mappers as a real failure.
 */
@Path(ProblemProbeResource.PATH)
public class ProblemProbeResource {

    public static final String PATH = "/test-probe/problems";

    /** One call per hour; the next is the rate limiter's 429. */
    @GET
    @Path("rate-limited")
    @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
    public String rateLimited() {
        return "ok";
    }

    @GET
    @Path("store-down")
    public String storeDown() {
        throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
    }

    @GET
    @Path("conflict")
    public String conflict() {
        throw new ProblemException(Problems.conflict("the probe always conflicts", null));
    }

    @GET
    @Path("unprocessable")
    public String unprocessable() {
        throw new ProblemException(Problems.invalid("/probe is never valid",
                java.util.List.of(FieldError.pointer("/probe", "is never valid"))));
    }
}
