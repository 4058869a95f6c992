package io.fleetpulse.query.rest;

import io.fleetpulse.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.model.auth.Roles;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
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
            @Parameter(description = Docs.ID, required = true) @QueryParam("location") String location,
            @Parameter(description = Docs.ID, required = true) @QueryParam("isp") String isp,
            @Parameter(description = Docs.FROM) @QueryParam("from") String from,
            @Parameter(description = Docs.TO) @QueryParam("to") String to,
            @Parameter(description = Docs.ORDER, schema = @Schema(enumeration = { "desc", "asc" }, defaultValue = "desc"))
            @QueryParam("order") String order,
            @Parameter(description = Docs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                    defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = Docs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = Docs.CONSISTENT_GSI) @QueryParam("consistent") String consistent,
            @Context HttpHeaders headers) {
        Params params = new Params();
        String loc = params.id("location", location, true);
        String provider = params.id("isp", isp, true);
        RangeQuery query = paging.parse(params, from, to, order, limit, cursor, consistent);
        params.check();
        tenant.requireFleetView(provider, "No fleet view of ISP '" + provider + "'.");
        ResultPage<TestResult> page = service.results(loc, provider, query);
        return conditional.ok(headers, RouterResource.resultsPage(page), paging.cacheControl(page));
    }

    @GET
    @Path("/failures")
    @Operation(summary = "Failed tests of a location in a time range (AP8)", description = "The sparse GSI2: only failed"
            + " results carry its keys." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.ResultsPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    public Response failures(
            @Parameter(description = Docs.ID, required = true) @QueryParam("location") String location,
            @Parameter(description = Docs.FROM) @QueryParam("from") String from,
            @Parameter(description = Docs.TO) @QueryParam("to") String to,
            @Parameter(description = Docs.ORDER, schema = @Schema(enumeration = { "desc", "asc" }, defaultValue = "desc"))
            @QueryParam("order") String order,
            @Parameter(description = Docs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                    defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = Docs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = Docs.CONSISTENT_GSI) @QueryParam("consistent") String consistent,
            @Context HttpHeaders headers) {
        Params params = new Params();
        String loc = params.id("location", location, true);
        RangeQuery query = paging.parse(params, from, to, order, limit, cursor, consistent);
        params.check();
        ResultPage<TestResult> page = service.failures(loc, query);
        return conditional.ok(headers, RouterResource.resultsPage(page), paging.cacheControl(page));
    }

    @GET
    @Path("/aggregates")
    @Operation(summary = "Hourly or daily aggregates of a location and ISP (AP9)", description = "One Query on the base"
            + " table." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.AggregatesPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    public Response aggregates(
            @Parameter(description = Docs.ID, required = true) @QueryParam("location") String location,
            @Parameter(description = Docs.ID, required = true) @QueryParam("isp") String isp,
            @Parameter(description = Docs.PERIOD, schema = @Schema(enumeration = { "day", "hour" }, defaultValue = "day"))
            @QueryParam("period") String period,
            @Parameter(description = Docs.FROM) @QueryParam("from") String from,
            @Parameter(description = Docs.TO) @QueryParam("to") String to,
            @Parameter(description = Docs.ORDER, schema = @Schema(enumeration = { "desc", "asc" }, defaultValue = "desc"))
            @QueryParam("order") String order,
            @Parameter(description = Docs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                    defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = Docs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = Docs.CONSISTENT) @QueryParam("consistent") String consistent,
            @Context HttpHeaders headers) {
        Params params = new Params();
        String loc = params.id("location", location, true);
        String provider = params.id("isp", isp, true);
        Period bucket = params.period(period, Period.DAY);
        RangeQuery query = paging.parse(params, from, to, order, limit, cursor, consistent);
        params.check();
        tenant.requireFleetView(provider, "No fleet view of ISP '" + provider + "'.");
        ResultPage<Aggregate> page = service.aggregates(loc, provider, bucket, query);
        return conditional.ok(headers, RouterResource.aggregatesPage(page), paging.cacheControl(page));
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
            @Parameter(description = Docs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                    defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = Docs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = Docs.CONSISTENT) @QueryParam("consistent") String consistent,
            @Context HttpHeaders headers) {
        Params params = new Params();
        RangeQuery query = paging.parse(params, null, null, null, limit, cursor, consistent);
        params.check();
        ResultPage<FleetLocation> page = service.locations(query.limit(), query.cursor(), query.consistent(),
                tenant.ispOrNull());
        return conditional.ok(headers, new Bodies.LocationsPage(page.items(), page.nextCursor()), Conditional.NO_CACHE);
    }
}
