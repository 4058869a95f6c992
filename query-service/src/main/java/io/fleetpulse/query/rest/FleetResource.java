package io.fleetpulse.query.rest;

import io.fleetpulse.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.model.auth.Roles;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.kit.param.WellFormed;
import io.fleetpulse.query.rest.param.FlagParam;
import io.fleetpulse.query.rest.param.IdParam;
import io.fleetpulse.query.rest.param.PeriodParam;
import io.fleetpulse.query.service.FleetQueryService;
import io.fleetpulse.query.service.RangeQuery;
import io.fleetpulse.query.service.ResultPage;

/** The fleet: results of a location and ISP (AP7), failures of a location (AP8), fleet aggregates (AP9), known pairs (AP14). */
@Path("/v1/fleet")
@RolesAllowed(Roles.RESULTS_READ)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Results, failures and aggregates across routers")
@APIResponse(responseCode = "400", description = "A bad parameter, named in `errors[].parameter`",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "Too many concurrent requests (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "DynamoDB unavailable or circuit open (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FleetResource {

    private final FleetQueryService service;
    private final Conditional conditional;
    private final Paging paging;
    private final TenantReads tenant;

    public FleetResource(FleetQueryService service, Conditional conditional, Paging paging, TenantReads tenant) {
        this.service = service;
        this.tenant = tenant;
        this.conditional = conditional;
        this.paging = paging;
    }

    @GET
    @Path("/results")
    @Operation(summary = "Results of a location and ISP in a time range (AP7)", description = "GSI1 is write-sharded"
            + " (fleetpulse.fleet-shards): every shard is queried in parallel and the pages are merged in time order"
            + " (ties by router and test id). The cursor carries each shard's position." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.ResultsPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    public Response results(
            @Parameter(description = Docs.ID, required = true) @RestQuery @WellFormed(required = true) IdParam location,
            @Parameter(description = Docs.ID, required = true) @RestQuery @WellFormed(required = true) IdParam isp,
            @BeanParam @Valid RangeParams range,
            @Parameter(description = Docs.CONSISTENT_GSI) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        String provider = isp.value();
        tenant.requireFleetView(provider, "No fleet view of ISP '" + provider + "'.");
        ResultPage<TestResult> page = service.results(location.value(), provider, paging.query(range, consistent.value()));
        return conditional.ok(request, RouterResource.resultsPage(page), paging.cacheControl(page));
    }

    @GET
    @Path("/failures")
    @Operation(summary = "Failed tests of a location in a time range (AP8)", description = "The sparse GSI2: only failed"
            + " results carry its keys." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.ResultsPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    public Response failures(
            @Parameter(description = Docs.ID, required = true) @RestQuery @WellFormed(required = true) IdParam location,
            @BeanParam @Valid RangeParams range,
            @Parameter(description = Docs.CONSISTENT_GSI) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        ResultPage<TestResult> page = service.failures(location.value(), paging.query(range, consistent.value()));
        return conditional.ok(request, RouterResource.resultsPage(page), paging.cacheControl(page));
    }

    @GET
    @Path("/aggregates")
    @Operation(summary = "Hourly or daily aggregates of a location and ISP (AP9)", description = "One Query on the base"
            + " table." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.AggregatesPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    public Response aggregates(
            @Parameter(description = Docs.ID, required = true) @RestQuery @WellFormed(required = true) IdParam location,
            @Parameter(description = Docs.ID, required = true) @RestQuery @WellFormed(required = true) IdParam isp,
            @Parameter(description = Docs.PERIOD) @RestQuery @DefaultValue("day") @WellFormed PeriodParam period,
            @BeanParam @Valid RangeParams range,
            @Parameter(description = Docs.CONSISTENT) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        String provider = isp.value();
        tenant.requireFleetView(provider, "No fleet view of ISP '" + provider + "'.");
        ResultPage<Aggregate> page = service.aggregates(location.value(), provider, period.value(),
                paging.query(range, consistent.value()));
        return conditional.ok(request, RouterResource.aggregatesPage(page), paging.cacheControl(page));
    }

    @GET
    @Path("/locations")
    @Operation(summary = "Known location and ISP pairs (AP14)", description = "The location registry: every pair that has"
            + " sent a result, as the archiver registers them from the table's stream (so a pair appears shortly after its"
            + " first result). One Query on the base table, by location then ISP. Answers carry a strong ETag"
            + " (If-None-Match gives 304) and `Cache-Control: private, no-cache`.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.LocationsPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    public Response locations(
            @BeanParam @Valid PageParams page,
            @Parameter(description = Docs.CONSISTENT) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        RangeQuery query = paging.query(page, consistent.value());
        ResultPage<FleetLocation> locations = service.locations(query.limit(), query.cursor(), query.consistent(), query.tenant());
        return conditional.ok(request, new Bodies.LocationsPage(locations.items(), locations.nextCursor()), Conditional.NO_CACHE);
    }
}
