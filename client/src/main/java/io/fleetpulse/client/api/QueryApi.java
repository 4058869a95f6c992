package io.fleetpulse.client.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

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
import io.fleetpulse.client.model.HistoryItem;
import io.fleetpulse.client.model.HistoryPage;
import io.fleetpulse.client.model.AggregatesPage;
import io.fleetpulse.client.model.BatchGetRequest;
import io.fleetpulse.client.model.BatchGetResponse;
import io.fleetpulse.client.model.LocationsPage;
import io.fleetpulse.client.model.ResultsPage;
import io.fleetpulse.client.model.RouterOverview;
import io.fleetpulse.client.paging.CursorWalk;
import io.fleetpulse.client.problem.FleetpulseRetryableException;
import io.fleetpulse.client.problem.ProblemExceptionMapper;
import io.fleetpulse.client.retry.RetryAfterBackoff;
import io.fleetpulse.model.capacity.CapacityReport;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.smallrye.faulttolerance.api.CustomBackoff;

/**
 * query-service ({@code docs/api/query-service.openapi.yaml}): every {@code /v1} read. Listings are pages with a
 * {@code next_cursor}; the {@code walk...} methods follow it to the end ({@link CursorWalk}). Optional parameters
 * are null to leave them to the service's defaults (order {@code desc}, period {@code day}, the default range
 * and limit). {@code order} is {@code asc} or {@code desc}, {@code period} {@code hour} or {@code day}.
 * 429 and 503 are retried after their {@code Retry-After}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@RegisterProvider(FleetpulseJson.class)
@RegisterProvider(ProblemExceptionMapper.class)
@Retry(maxRetries = 8, delay = 200, jitter = 0, maxDuration = 120, durationUnit = ChronoUnit.SECONDS,
        retryOn = {FleetpulseRetryableException.class, ProcessingException.class})
@CustomBackoff(RetryAfterBackoff.class)
@Timeout(value = 60, unit = ChronoUnit.SECONDS)
public interface QueryApi {

    /** {@code GET /v1/routers/{router_id}}: profile and latest result per test type; 404 for an unknown router. */
    @GET
    @Path("/routers/{router_id}")
    RouterOverview router(@PathParam("router_id") String routerId);

    /**
     * {@code GET /v1/routers/{router_id}/results}: a page of the router's history in [from, to), however old: the table
     * and the S3 archive merged, each item with its {@link HistoryItem#source()}.
     */
    @GET
    @Path("/routers/{router_id}/results")
    HistoryPage results(@PathParam("router_id") String routerId, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("test_type") String testType, @QueryParam("order") String order, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor);

    /** Every result of the router in [from, to), {@code pageSize} a call, fetched as the stream is read. */
    default Stream<HistoryItem> walkResults(String routerId, Instant from, Instant to, String testType, String order, Integer pageSize) {
        return CursorWalk.stream(cursor -> results(routerId, from, to, testType, order, pageSize, cursor));
    }

    /** {@code GET /v1/routers/{router_id}/results/latest}: the newest result (of a test type); 404 when none. */
    @GET
    @Path("/routers/{router_id}/results/latest")
    TestResult latest(@PathParam("router_id") String routerId, @QueryParam("test_type") String testType);

    /** {@code GET /v1/routers/{router_id}/results/{timestamp}/{test_id}}: one result; 404 when none. */
    @GET
    @Path("/routers/{router_id}/results/{timestamp}/{test_id}")
    TestResult result(@PathParam("router_id") String routerId, @PathParam("timestamp") Instant timestamp, @PathParam("test_id") String testId);

    /** {@code GET /v1/routers/{router_id}/aggregates}: a page of the router's hourly or daily aggregates. */
    @GET
    @Path("/routers/{router_id}/aggregates")
    AggregatesPage routerAggregates(@PathParam("router_id") String routerId, @QueryParam("period") String period,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("order") String order,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    default Stream<Aggregate> walkRouterAggregates(String routerId, String period, Instant from, Instant to, String order, Integer pageSize) {
        return CursorWalk.stream(cursor -> routerAggregates(routerId, period, from, to, order, pageSize, cursor));
    }

    /** {@code GET /v1/fleet/aggregates}: a page of a location + ISP's hourly or daily aggregates. */
    @GET
    @Path("/fleet/aggregates")
    AggregatesPage fleetAggregates(@QueryParam("location") String location, @QueryParam("isp") String isp,
            @QueryParam("period") String period, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("order") String order, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    default Stream<Aggregate> walkFleetAggregates(String location, String isp, String period, Instant from, Instant to, String order,
            Integer pageSize) {
        return CursorWalk.stream(cursor -> fleetAggregates(location, isp, period, from, to, order, pageSize, cursor));
    }

    /**
     * {@code GET /v1/admin/capacity} (admin role): consumed capacity and projected monthly cost per access pattern and
     * index over the {@code window} (ISO-8601, default PT1H) that ends before the minute of {@code to} (default now).
     */
    @GET
    @Path("/admin/capacity")
    CapacityReport capacity(@QueryParam("window") String window, @QueryParam("to") Instant to);

    /** {@code GET /v1/fleet/results}: a page of a location + ISP's results, every shard merged. */
    @GET
    @Path("/fleet/results")
    ResultsPage fleetResults(@QueryParam("location") String location, @QueryParam("isp") String isp, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to, @QueryParam("order") String order, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor);

    /** {@code GET /v1/fleet/failures}: a page of a location's failed results. */
    @GET
    @Path("/fleet/failures")
    ResultsPage fleetFailures(@QueryParam("location") String location, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("order") String order, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    /** {@code GET /v1/fleet/locations}: a page of the known location + ISP pairs. */
    @GET
    @Path("/fleet/locations")
    LocationsPage locations(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    /** {@code POST /v1/routers/batch-get}: up to 100 profiles at once. */
    @POST
    @Path("/routers/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    BatchGetResponse batchGet(BatchGetRequest request);
}
