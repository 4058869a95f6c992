package io.fleetpulse.client.api;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

import io.fleetpulse.client.json.FleetpulseJson;
import io.fleetpulse.client.json.Ndjson;
import io.fleetpulse.client.model.ArchiveRunRequest;
import io.fleetpulse.client.problem.FleetpulseRetryableException;
import io.fleetpulse.client.problem.ProblemExceptionMapper;
import io.fleetpulse.client.retry.RetryAfterBackoff;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.TestResult;
import io.smallrye.faulttolerance.api.CustomBackoff;

/**
 * archiver-service ({@code docs/api/archiver-service.openapi.yaml}): archive runs (one at a time: 409 while
 * another holds the run lock) and the archive read back as NDJSON. 429 and 503 are retried after their
 * {@code Retry-After}.
 */
@Path("/v1/archive")
@Produces(MediaType.APPLICATION_JSON)
@RegisterProvider(FleetpulseJson.class)
@RegisterProvider(ProblemExceptionMapper.class)
@Retry(maxRetries = 8, delay = 200, jitter = 0, maxDuration = 120, durationUnit = ChronoUnit.SECONDS,
        retryOn = {FleetpulseRetryableException.class, ProcessingException.class})
@CustomBackoff(RetryAfterBackoff.class)
@Timeout(value = 60, unit = ChronoUnit.SECONDS)
public interface ArchiverApi {

    String NDJSON = "application/x-ndjson";

    /** {@code POST /v1/archive/runs}: the run accepted (202), to be polled with {@link #run(String)}. */
    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    ArchiveRun start(ArchiveRunRequest request);

    /** {@code GET /v1/archive/runs/{id}}: the run's state and counts; 404 when unknown. */
    @GET
    @Path("/runs/{id}")
    ArchiveRun run(@PathParam("id") String runId);

    /** {@code GET /v1/archive/results}: the archived results of a router in [from, to), one JSON object a line. */
    @GET
    @Path("/results")
    @Produces(NDJSON)
    InputStream archived(@QueryParam("router_id") String routerId, @QueryParam("from") Instant from, @QueryParam("to") Instant to);

    /** The archived results of a router in [from, to), read whole. */
    default List<TestResult> archivedResults(String routerId, Instant from, Instant to) {
        return Ndjson.read(archived(routerId, from, to), TestResult.class);
    }
}
