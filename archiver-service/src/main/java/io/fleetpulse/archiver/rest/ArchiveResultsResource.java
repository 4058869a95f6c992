package io.fleetpulse.archiver.rest;

import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.kit.tenant.CallerTenant;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.model.auth.Roles;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.service.ArchiveReader;
import io.fleetpulse.model.validation.Validation;
import io.smallrye.common.annotation.Blocking;

/** Archived results read back from S3 as NDJSON. */
@Path("/v1/archive/results")
@RolesAllowed({ Roles.RESULTS_READ, Roles.ARCHIVE_ADMIN })
@Tag(name = "archive")
public class ArchiveResultsResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ArchiveReader reader;
    private final ArchiveConfig config;
    private final CallerTenant tenant;

    public ArchiveResultsResource(ArchiveReader reader, ArchiveConfig config, CallerTenant tenant) {
        this.reader = reader;
        this.config = config;
        this.tenant = tenant;
    }

    @GET
    @Blocking
    @Produces(NDJSON)
    @Operation(summary = "Archived results of a router in [from, to)", description = "One JSON result per line; "
            + "reads only the dt= partitions of the days in the range.")
    @APIResponse(responseCode = "200", description = "NDJSON stream (possibly empty)")
    @APIResponse(responseCode = "400", description = "Bad parameters")
    public StreamingOutput results(
            @Parameter(description = "router id", required = true) @QueryParam("router_id") String routerId,
            @Parameter(description = "start, ISO-8601 instant, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "end, ISO-8601 instant, exclusive", required = true) @QueryParam("to") String to) {
        List<FieldError> errors = new ArrayList<>();
        if (routerId == null || !Validation.ID.matcher(routerId).matches()) {
            errors.add(FieldError.parameter("router_id", "is required and must match " + Validation.ID.pattern()));
        }
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null) {
            if (!fromInstant.isBefore(toInstant)) {
                errors.add(FieldError.parameter("to", "must be after from"));
            } else if (java.time.Duration.between(fromInstant, toInstant).compareTo(config.maxReadRange()) > 0) {
                errors.add(FieldError.parameter("to", "the range may span at most " + config.maxReadRange().toDays() + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.badRequest("Some parameters are invalid", errors));
        }
        Instant start = fromInstant;
        Instant end = toInstant;
        String isp = tenant.isp().orElse(null);
        return out -> reader.write(routerId, isp, start, end, out);
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.parameter(name, "is required (ISO-8601 instant)"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException bad) {
            errors.add(FieldError.parameter(name, "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z"));
            return null;
        }
    }
}
