package io.fleetpulse.client.api;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import io.fleetpulse.client.model.BatchAnswer;
import io.fleetpulse.client.model.HotKey;
import io.fleetpulse.model.entity.ResultBatch;
import io.fleetpulse.client.model.StoredKeys;
import io.fleetpulse.client.problem.FleetpulseRetryableException;
import io.fleetpulse.client.problem.ProblemExceptionMapper;
import io.fleetpulse.client.retry.RetryAfterBackoff;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.smallrye.faulttolerance.api.CustomBackoff;

/**
 * ingest-service ({@code docs/api/ingest-service.openapi.yaml}): results one at a time, as a JSON batch or an
 * NDJSON stream, and router profiles. Every write is idempotent by its key, so retrying one is safe. The
 * {@code byte[]} variants send a body serialized already (a relay, or a test's deliberately invalid input).
 * 429 and 503 are retried after their {@code Retry-After} (SmallRye Fault Tolerance in Quarkus,
 * {@link io.fleetpulse.client.retry.Retrying} in plain Java).
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@RegisterProvider(FleetpulseJson.class)
@RegisterProvider(ProblemExceptionMapper.class)
@Retry(maxRetries = 8, delay = 200, jitter = 0, maxDuration = 120, durationUnit = ChronoUnit.SECONDS,
        retryOn = {FleetpulseRetryableException.class, ProcessingException.class})
@CustomBackoff(RetryAfterBackoff.class)
@Timeout(value = 60, unit = ChronoUnit.SECONDS)
public interface IngestApi {

    String NDJSON = "application/x-ndjson";

    /** {@code POST /v1/results}: stored (201), or the same result stored already (200). 409 when a different one is. */
    @POST
    @Path("/results")
    @Consumes(MediaType.APPLICATION_JSON)
    StoredKeys submit(TestResult result);

    @POST
    @Path("/results")
    @Consumes(MediaType.APPLICATION_JSON)
    StoredKeys submitJson(byte[] result);

    /** {@code POST /v1/results/batch} as JSON: the per-item report. */
    @POST
    @Path("/results/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    BatchAnswer submitBatch(ResultBatch batch);

    @POST
    @Path("/results/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    BatchAnswer submitBatchJson(byte[] batch);

    /** {@code POST /v1/results/batch} as NDJSON, one result a line: the bulk path. */
    @POST
    @Path("/results/batch")
    @Consumes(NDJSON)
    BatchAnswer submitNdjson(byte[] lines);

    default BatchAnswer submitNdjson(List<TestResult> results) {
        return submitNdjson(Ndjson.bytes(results));
    }

    /** {@code PUT /v1/routers/{router_id}}: created or replaced; answers the stored profile. */
    @PUT
    @Path("/routers/{router_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    RouterProfile putProfile(@PathParam("router_id") String routerId, RouterProfile profile);

    default RouterProfile putProfile(RouterProfile profile) {
        return putProfile(profile.routerId(), profile);
    }

    /** {@code GET /v1/admin/hot-keys}: the partition keys written most of late (admin role). */
    @GET
    @Path("/admin/hot-keys")
    List<HotKey> hotKeys(@QueryParam("limit") Integer limit);
}
