package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.ProblemResponses;
import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.model.auth.Roles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.ingest.service.Admission;
import io.fleetpulse.ingest.service.BatchEntry;
import io.fleetpulse.ingest.service.BatchReport;
import io.fleetpulse.ingest.service.IngestService;
import io.fleetpulse.ingest.service.SingleOutcome;
import io.fleetpulse.ingest.service.StreamBudget;
import io.fleetpulse.model.entity.ResultBatch;
import io.fleetpulse.model.entity.TestResult;

/** Ingest of test results: one at a time, or in batches (JSON up to 1,000 items, NDJSON of any length). */
@Path("/v1/results")
@RolesAllowed(Roles.RESULTS_WRITE)
@Tag(name = "results", description = "Ingest router test results")
public class ResultsResource {

    public static final String NDJSON = "application/x-ndjson";

    private final IngestService ingest;
    private final JsonBodies bodies;
    private final ProblemResponses problems;
    private final IngestConfig.Limits limits;
    private final TenantWrites tenant;
    private final Admission admission;

    public ResultsResource(IngestService ingest, JsonBodies bodies, ProblemResponses problems, IngestConfig config,
            TenantWrites tenant, Admission admission) {
        this.ingest = ingest;
        this.admission = admission;
        this.tenant = tenant;
        this.bodies = bodies;
        this.problems = problems;
        this.limits = config.ingest().limits();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store one test result",
            description = "test_id is optional: when absent it is derived from the whole content (c: and 32 hex digits), so a"
                    + " retry is idempotent and two different results never share a key. A client-given test_id is"
                    + " written by a conditional put: it never replaces a stored result. expires_at = timestamp + retention. A raw payload that would push the item past"
                    + " DynamoDB's 400 KB goes to S3 under its content address (raw/<router_id>/<sha256>).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TestResult.class), examples = @ExampleObject(name = "latency", value = Examples.RESULT)))
    @APIResponse(responseCode = "201", description = "Stored; Location names the result",
            headers = @Header(name = "Location", description = "/v1/routers/{router_id}/results/{timestamp}/{test_id}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredKeys.class),
                    examples = @ExampleObject(name = "stored", value = Examples.STORED)))
    @APIResponse(responseCode = "200", description = "The identical result was already stored; nothing written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredKeys.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token is scoped to another ISP than the result's, or the router is"
            + " not registered to the token's ISP", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "A different result is stored under the same key (router_id, timestamp,"
            + " test_id); the stored one is kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body or stored item too large", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not application/json (errors[0].parameter: Content-Type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Invalid or past retention", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "Saturated; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Store unavailable; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response post(InputStream body, @HeaderParam("Content-Length") String contentLength, @Context UriInfo uri)
            throws IOException {
        long limit = limits.maxBody().asLongValue();
        refuseDeclaredOver(contentLength, limit);
        return admission.single(() -> store(bodies.readResult(new LimitedInputStream(body, limit))));
    }

    private Response store(TestResult result) {
        tenant.requireWrite(result);
        SingleOutcome outcome = ingest.ingestOne(result);
        return switch (outcome.kind()) {
            case CREATED -> Response.created(location(outcome.stored())).type(MediaType.APPLICATION_JSON)
                    .entity(keys(outcome)).build();
            case IDENTICAL -> Response.ok(keys(outcome), MediaType.APPLICATION_JSON).location(location(outcome.stored())).build();
            case CONFLICT, REJECTED -> throw new ProblemException(IngestProblems.rejected(outcome.reason(), outcome.problems()));
        };
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store up to 1,000 results: {\"results\": [...]}",
            description = "Each item is validated on its own: invalid ones are listed by index with their problems, valid ones"
                    + " are written (BatchWriteItem, 25 per request, unprocessed items retried with backoff). An item is"
                    + " counted accepted only once DynamoDB has it; what could not be written is listed with reason"
                    + " not_written. Identical duplicates inside the request are stored once and all counted accepted; a"
                    + " duplicate key with different content is rejected as conflict, and so is an item with a client-given"
                    + " test_id whose key holds a different stored result (an identical one counts as accepted): those items"
                    + " are written by conditional puts, so a stored result is never replaced by other content.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResultBatch.class),
            examples = @ExampleObject(name = "two results", value = Examples.BATCH)))
    @APIResponse(responseCode = "200", description = "Processed: counts and rejected items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchAnswer.class),
                    examples = @ExampleObject(name = "one rejected", value = Examples.BATCH_ANSWER)))
    @APIResponse(responseCode = "400", description = "The body is not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "More than 1,000 items or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Not a {\"results\": [...]} envelope", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "Saturated; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Nothing could be written; see Retry-After (the per-item report is included)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response batch(InputStream body, @HeaderParam("Content-Length") String contentLength, @Context UriInfo uri)
            throws IOException {
        long limit = limits.maxBatchBody().asLongValue();
        refuseDeclaredOver(contentLength, limit);
        return admission.batch(() -> {
            List<BatchEntry> entries = bodies.readBatch(new LimitedInputStream(body, limit), limits.maxBatchItems());
            var iterator = entries.iterator();
            BatchReport report = ingest.ingestBatch("json", tenant.scope(() -> iterator.hasNext() ? iterator.next() : null));
            return answer(report, uri);
        });
    }

    @POST
    @Path("/batch")
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store any number of results, one JSON object per line (application/x-ndjson)",
            description = "Read as a stream in bounded memory and written while reading. Each line is validated on its own;"
                    + " rejected lines are listed by their line index (from 0) with problems pointing into that line's"
                    + " document. Blank lines are skipped.")
    @RequestBody(required = true, content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "Processed: counts and rejected lines",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchAnswer.class)))
    @APIResponse(responseCode = "408", description = "Not read to its end within fleetpulse.ingest.limits.max-stream-time: the"
            + " lines read are reported, unread_from_line says where to go on", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "More lines than fleetpulse.ingest.limits.max-stream-items: the lines read"
            + " are reported, unread_from_line says where to go on", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "Saturated; see Retry-After (nothing of the body was read)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Nothing could be written; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response ndjson(InputStream body, @Context UriInfo uri) throws IOException {
        try {
            return admission.batch(() -> {
                StreamBudget budget = ingest.streamBudget(bodies.ndjson(body, limits.maxLine().asLongValue()));
                BatchReport report = ingest.ingestBatch("ndjson", tenant.scope(budget));
                return budget.stop() == null ? answer(report, uri) : cut(report, budget, uri);
            });
        } catch (IOException broken) {
            throw new ProblemException(Problems.malformed("the body could not be read to its end", null));
        }
    }

    /** The answer of a stream cut at its item or time bound: what was read is reported, the rest was not read. */
    private Response cut(BatchReport report, StreamBudget budget, UriInfo uri) {
        BatchAnswer answer = BatchAnswer.of(report);
        StreamBudget.Stop stop = budget.stop();
        Problem problem = (stop.kind() == StreamBudget.Stop.Kind.ITEMS
                ? IngestProblems.streamTooLong("the stream holds more than " + budget.maxItems() + " lines; lines from "
                        + stop.unreadFrom() + " on were not read: send them again in another request")
                : IngestProblems.streamTooSlow("the stream was not read to its end within " + budget.maxTime().toSeconds()
                        + " s; lines from " + stop.unreadFrom() + " on were not read: send them again in another request"))
                .with("unread_from_line", stop.unreadFrom())
                .with("accepted", answer.accepted())
                .with("rejected_count", answer.rejectedCount())
                .with("rejected", answer.rejected());
        return problems.response(problem, uri.getPath(), null);
    }

    private Response answer(BatchReport report, UriInfo uri) {
        BatchAnswer answer = BatchAnswer.of(report);
        if (report.storeUnavailable()) {
            Problem problem = Problems.unavailable("no item could be written; the request may be sent again as is")
                    .with("accepted", answer.accepted())
                    .with("rejected_count", answer.rejectedCount())
                    .with("rejected", answer.rejected());
            return problems.response(problem, uri.getPath(), problems.unavailable());
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    private static void refuseDeclaredOver(String contentLength, long limit) {
        if (contentLength == null) {
            return;
        }
        try {
            long declared = Long.parseLong(contentLength.trim());
            if (declared > limit) {
                throw new ProblemException(Problems.tooLarge("the body is larger than " + limit + " bytes",
                        List.of(FieldError.pointer("", "larger than " + limit + " bytes"))));
            }
        } catch (NumberFormatException ignored) {
            // the server checks the framing; the stream limit still applies
        }
    }

    static URI location(TestResult stored) {
        return UriBuilder.fromPath("/v1/routers/{router_id}/results/{timestamp}/{test_id}")
                .build(stored.routerId(), stored.timestamp().toString(), stored.testId());
    }

    private static StoredKeys keys(SingleOutcome outcome) {
        TestResult stored = outcome.stored();
        return new StoredKeys(stored.routerId(), stored.testId(), stored.timestamp(), outcome.pk(), outcome.sk(),
                stored.expiresAt(), stored.rawRef());
    }
}
