package io.fleetpulse.archiver.rest;

import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.kit.tenant.CallerTenant;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.model.auth.Roles;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fleetpulse.archiver.service.ArchiveRunLocked;
import io.fleetpulse.archiver.service.ArchiveRunService;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunLock;

/** On-demand archive runs: export old results to S3, then replace them in the table by tombstones. */
@Path("/v1/archive/runs")
@RolesAllowed(Roles.ARCHIVE_ADMIN)
@Tag(name = "archive")
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveRunResource {

    static final Duration MAX_AGE = Duration.ofDays(3650);
    static final String FLEET_WIDE = "Archive runs span every ISP; a token scoped to one ISP cannot use them";

    private final ArchiveRunService runs;

    private final CallerTenant tenant;

    public ArchiveRunResource(ArchiveRunService runs, CallerTenant tenant) {
        this.runs = runs;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an archive run", description = "Exports every result older than older_than to the S3 archive, "
            + "then replaces it in the table by a tombstone (in no index, read by no endpoint, kept until the result's own "
            + "expires_at, so a re-sent copy is a duplicate), each result exactly once; `deleted` counts them. One run at a time: while another run holds the run lock "
            + "(also one that stopped and waits to be resumed) the answer is 409. Answers at once; follow Location for status "
            + "and counts.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArchiveRunRequest.class),
            examples = @ExampleObject(name = "older than 30 days", value = Examples.RUN_REQUEST)))
    @APIResponse(responseCode = "202", description = "Run accepted; Location names it",
            headers = @Header(name = "Location", description = "/v1/archive/runs/{id}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveRun.class),
                    examples = @ExampleObject(name = "pending", value = Examples.RUN_ACCEPTED)))
    @APIResponse(responseCode = "409", description = "Another archive run holds the run lock (one run at a time); the detail names it")
    @APIResponse(responseCode = "400", description = "Malformed JSON")
    @APIResponse(responseCode = "422", description = "older_than missing or not a positive ISO-8601 duration")
    public Response start(ArchiveRunRequest request, UriInfo uri) {
        tenant.requireFleetWide(FLEET_WIDE);
        if (request == null || request.olderThan() == null || request.olderThan().isBlank()) {
            throw unprocessable(List.of(FieldError.pointer("/older_than", "is required (e.g. P30D)")));
        }
        Duration olderThan;
        try {
            olderThan = Duration.parse(request.olderThan());
        } catch (DateTimeParseException notDuration) {
            throw unprocessable(List.of(FieldError.pointer("/older_than",
                    "must be an ISO-8601 duration in days, hours, minutes or seconds (e.g. P30D)")));
        }
        if (olderThan.isNegative() || olderThan.isZero() || olderThan.compareTo(MAX_AGE) > 0) {
            throw unprocessable(List.of(FieldError.pointer("/older_than",
                    "must be positive and at most P3650D")));
        }
        ArchiveRun run;
        try {
            run = runs.start(olderThan, request.olderThan());
        } catch (ArchiveRunLocked locked) {
            throw new ProblemException(Problems.conflict(conflictDetail(locked.holder()), null));
        }
        URI location = uri.getBaseUriBuilder().path("v1/archive/runs").path(run.runId()).build();
        return Response.accepted(run).location(location).build();
    }

    private static ProblemException unprocessable(List<FieldError> errors) {
        return new ProblemException(Problems.invalid("The request breaks a rule", errors));
    }

    private static String conflictDetail(ArchiveRunLock holder) {
        if (holder.free()) {
            return "another archive run took the run lock at the same moment; try again";
        }
        return !holder.expired(Instant.now())
                ? "archive run " + holder.runId() + " is running (one run at a time); see /v1/archive/runs/" + holder.runId()
                : "archive run " + holder.runId() + " stopped before its end and is resumed by the next check; see /v1/archive/runs/"
                        + holder.runId();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An archive run: status and counts")
    @APIResponse(responseCode = "200", description = "The run", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArchiveRun.class), examples = @ExampleObject(name = "succeeded", value = Examples.RUN_SUCCEEDED)))
    @APIResponse(responseCode = "404", description = "No such run")
    public ArchiveRun get(@PathParam("id") String id) {
        tenant.requireFleetWide(FLEET_WIDE);
        if (!io.fleetpulse.model.validation.Validation.ID.matcher(id).matches()) {
            throw ProblemException.notFound("no archive run " + id);
        }
        return runs.find(id).orElseThrow(() -> ProblemException.notFound("no archive run " + id));
    }
}
