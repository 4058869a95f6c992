package io.fleetpulse.query.rest;

import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.model.auth.Roles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.kit.param.WellFormed;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.query.rest.param.FlagParam;
import io.fleetpulse.query.rest.param.IdParam;
import io.fleetpulse.query.rest.param.PeriodParam;
import io.fleetpulse.query.rest.param.TestTypeParam;
import io.fleetpulse.query.rest.param.TimeParam;
import io.fleetpulse.query.service.BatchProfiles;
import io.fleetpulse.query.service.HistoryItem;
import io.fleetpulse.query.service.InputError;
import io.fleetpulse.query.service.InvalidInputException;
import io.fleetpulse.query.service.LatestResult;
import io.fleetpulse.query.service.ResultPage;
import io.fleetpulse.query.service.RouterOverview;
import io.fleetpulse.query.service.RouterQueryService;

/** One router: overview (AP2), results (AP3/AP4 and the archive), one result (AP15), latest (AP5), aggregates (AP6); many profiles (AP10). */
@Path("/v1/routers")
@RolesAllowed(Roles.RESULTS_READ)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "routers", description = "One router's profile, results and aggregates")
@APIResponse(responseCode = "400", description = "A bad parameter, named in `errors[].parameter`",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "Too many concurrent requests (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "DynamoDB unavailable or circuit open (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RouterResource {

    static final String SOURCE_HEADER = "Fleetpulse-Source";
    static final int MAX_BATCH = 100;

    private final RouterQueryService service;
    private final Conditional conditional;
    private final Paging paging;
    private final TenantReads tenant;

    public RouterResource(RouterQueryService service, Conditional conditional, Paging paging, TenantReads tenant) {
        this.service = service;
        this.tenant = tenant;
        this.conditional = conditional;
        this.paging = paging;
    }

    @GET
    @Path("/{router_id}")
    @Operation(summary = "Router overview (AP2)", description = "The profile and the latest result of each test type,"
            + " in one Query. 404 when the router has no profile. For a token scoped to one ISP, only that ISP's latest"
            + " results are listed." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.Overview.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    @APIResponse(responseCode = "404", description = "Unknown router",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response overview(
            @Parameter(description = Docs.ID) @RestPath("router_id") @WellFormed(required = true) IdParam routerId,
            @Parameter(description = Docs.CONSISTENT) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        String id = routerId.value();
        String notFound = "No router '" + id + "'.";
        RouterOverview overview = tenant.filter(tenant.visible(service.overview(id, consistent.value())
                .orElseThrow(() -> ProblemException.notFound(notFound)), found -> found.profile().isp(), notFound));
        return conditional.ok(request, new Bodies.Overview(overview.profile(), overview.latest()), Conditional.NO_CACHE);
    }

    @GET
    @Path("/{router_id}/results")
    @Operation(summary = "A router's results in any time range: the table (AP3; AP4 with test_type) and the S3 archive",
            description = "Without test_type one Query on the base table (AP3); with test_type one Query on GSI3 (AP4)."
                    + " Expired results that TTL has not deleted yet are not returned from the table. The part of the"
                    + " range older than the archive horizon (fleetpulse.archive.horizon, the table's 90-day retention"
                    + " by default, fixed on the first page) is also read from the S3 archive; both parts are merged"
                    + " in one time order under one cursor, a result found in both is returned once (from the table),"
                    + " and each item says where it came from in `source` (`table` or `archive`). Ranges younger than"
                    + " the horizon never read S3." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.HistoryPage.class),
            examples = @ExampleObject(name = "a result of the table, one of the archive, more to come", value = Examples.HISTORY_PAGE)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    @APIResponse(responseCode = "404", description = "For a token scoped to one ISP: the router is not registered to it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response results(
            @Parameter(description = Docs.ID) @RestPath("router_id") @WellFormed(required = true) IdParam routerId,
            @Parameter(description = "Only this test type (GSI3, AP4)") @RestQuery("test_type") @WellFormed TestTypeParam testType,
            @BeanParam @Valid RangeParams range,
            @Parameter(description = Docs.CONSISTENT + " Not with test_type.") @RestQuery @DefaultValue("false") @WellFormed
            FlagParam consistent,
            @Context Request request) {
        String id = routerId.value();
        requireOwnRouter(id);
        ResultPage<HistoryItem> page = service.results(id, TestTypeParam.valueOrNull(testType), paging.query(range, consistent.value()));
        return conditional.ok(request, new Bodies.HistoryPage(page.items(), page.nextCursor(), page.range().from(),
                page.range().to(), page.order().wireName()), paging.cacheControl(page));
    }

    @GET
    @Path("/{router_id}/results/latest")
    @Operation(summary = "Latest result of one test type (AP5)", description = "GSI3, newest first, Limit 1. test_type"
            + " is required (the overview, GET /v1/routers/{router_id}, has the latest of every type). If the index"
            + " cannot answer, the archiver's latest copy is returned instead and the header `Fleetpulse-Source` says"
            + " `latest-copy` (otherwise `index`)." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TestResult.class)),
            headers = @Header(name = SOURCE_HEADER, description = "`index` (AP5) or `latest-copy` (degraded: the archiver's copy)"))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No result of this type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response latest(
            @Parameter(description = Docs.ID) @RestPath("router_id") @WellFormed(required = true) IdParam routerId,
            @Parameter(description = "The test type (required)", required = true) @RestQuery("test_type")
            @WellFormed(required = true) TestTypeParam testType,
            @Parameter(description = Docs.CONSISTENT_GSI) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        String id = routerId.value();
        String type = testType.value();
        String notFound = "Router '" + id + "' has no '" + type + "' result.";
        requireOwnRouter(id);
        LatestResult latest = tenant.visible(service.latest(id, type, consistent.value())
                .orElseThrow(() -> ProblemException.notFound(notFound)), found -> found.result().isp(), notFound);
        return conditional.ok(request, latest.result(), Conditional.NO_CACHE,
                Map.of(SOURCE_HEADER, latest.source() == io.fleetpulse.query.store.LatestResultStore.Source.INDEX
                        ? "index" : "latest-copy"));
    }

    @GET
    @Path("/{router_id}/results/{timestamp}/{test_id}")
    @Operation(summary = "One result by its key (AP15)", description = "GetItem; the Location ingest-service answers"
            + " with. 404 when absent or expired." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TestResult.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No such result",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response result(
            @Parameter(description = Docs.ID) @RestPath("router_id") @WellFormed(required = true) IdParam routerId,
            @Parameter(description = "The result's timestamp, ISO-8601") @RestPath @WellFormed(required = true) TimeParam timestamp,
            @Parameter(description = Docs.ID) @RestPath("test_id") @WellFormed(required = true) IdParam testId,
            @Parameter(description = Docs.CONSISTENT) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        String id = routerId.value();
        Instant at = timestamp.value();
        String test = testId.value();
        String notFound = "No result '" + test + "' of router '" + id + "' at " + at + ".";
        requireOwnRouter(id);
        TestResult result = tenant.visible(service.result(id, at, test, consistent.value())
                .orElseThrow(() -> ProblemException.notFound(notFound)), TestResult::isp, notFound);
        return conditional.ok(request, result, paging.immutableCacheControl());
    }

    @GET
    @Path("/{router_id}/aggregates")
    @Operation(summary = "A router's hourly or daily aggregates (AP6)", description = "Hours (kept 400 days): one Query on the "
            + "base table. Days (kept 5 years): a day is its hours summed plus the roll-up of its hours that TTL removed, "
            + "two parallel Queries merged by day; a page never splits a day." + Docs.CACHING)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.AggregatesPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    @APIResponse(responseCode = "404", description = "For a token scoped to one ISP: the router is not registered to it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response aggregates(
            @Parameter(description = Docs.ID) @RestPath("router_id") @WellFormed(required = true) IdParam routerId,
            @Parameter(description = Docs.PERIOD) @RestQuery @DefaultValue("day") @WellFormed PeriodParam period,
            @BeanParam @Valid RangeParams range,
            @Parameter(description = Docs.CONSISTENT) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent,
            @Context Request request) {
        String id = routerId.value();
        requireOwnRouter(id); // router aggregates carry no ISP: the router's profile says whose they are
        ResultPage<Aggregate> page = service.aggregates(id, period.value(), paging.query(range, consistent.value()));
        return conditional.ok(request, aggregatesPage(page), paging.cacheControl(page));
    }

    @POST
    @Path("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Profiles of up to 100 routers (AP10)", description = "BatchGetItem; keys DynamoDB leaves"
            + " unprocessed are retried with exponential backoff and full jitter, and listed in `unprocessed` if"
            + " they still are after the last attempt.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Bodies.BatchGetResponse.class)))
    public Bodies.BatchGetResponse batchGet(Bodies.BatchGetRequest body,
            @Parameter(description = Docs.CONSISTENT) @RestQuery @DefaultValue("false") @WellFormed FlagParam consistent) {
        List<String> ids = body == null ? null : body.routerIds();
        List<InputError> errors = routerIdErrors(ids);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        BatchProfiles profiles = tenant.filter(service.profiles(ids, consistent.value()));
        return new Bodies.BatchGetResponse(profiles.profiles(), profiles.missing(), profiles.unprocessed());
    }

    /** The body's router ids, each by its JSON Pointer (a body, not parameters: Bean Validation would name no pointer). */
    private static List<InputError> routerIdErrors(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of(InputError.pointer("/router_ids", "is required: 1 to " + MAX_BATCH + " router ids"));
        }
        if (ids.size() > MAX_BATCH) {
            return List.of(InputError.pointer("/router_ids", "holds " + ids.size() + " ids; at most " + MAX_BATCH));
        }
        List<InputError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!Validation.isId(ids.get(i))) {
                errors.add(InputError.pointer("/router_ids/" + i, "is not a router id: " + Docs.ID));
            }
        }
        return errors;
    }

    /**
     * For a caller scoped to one ISP: 404 (as for an unknown router) unless the router's profile is that ISP's, so no
     * answer about another ISP's router (its results, latest results, aggregates or cursors) reaches the caller.
     */
    private void requireOwnRouter(String id) {
        if (tenant.scoped()) {
            BatchProfiles profile = tenant.filter(service.profiles(List.of(id), false));
            if (profile.profiles().isEmpty()) {
                throw ProblemException.notFound("No router '" + id + "'.");
            }
        }
    }

    static Bodies.ResultsPage resultsPage(ResultPage<TestResult> page) {
        return new Bodies.ResultsPage(page.items(), page.nextCursor(), page.range().from(), page.range().to(),
                page.order().wireName());
    }

    static Bodies.AggregatesPage aggregatesPage(ResultPage<Aggregate> page) {
        return new Bodies.AggregatesPage(page.items(), page.nextCursor(), page.range().from(), page.range().to(),
                page.order().wireName());
    }
}
