package io.fleetpulse.query.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.fleetpulse.kit.param.WellFormed;
import io.fleetpulse.kit.problem.Problem;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.query.rest.param.TimeParam;
import io.fleetpulse.query.rest.param.WindowParam;
import io.fleetpulse.model.capacity.CapacityReport;
import io.fleetpulse.query.service.CapacityReportService;

/** Consumed capacity and its cost per access pattern and index (AP32), for operators choosing a capacity mode. */
@Path("/v1/admin/capacity")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operating the fleet table")
@APIResponse(responseCode = "400", description = "A bad parameter, named in `errors[].parameter`",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "DynamoDB unavailable or circuit open (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CapacityResource {

    private final CapacityReportService reports;

    public CapacityResource(CapacityReportService reports) {
        this.reports = reports;
    }

    @GET
    @Operation(summary = "Consumed capacity and projected monthly cost per access pattern and index (AP32)",
            description = "Every service replica writes the capacity DynamoDB reported for its calls, per minute, access"
                    + " pattern and table or index (AP31). This sums the whole minutes of the window, prices a month (730 h)"
                    + " at the window's rate on-demand and provisioned (the rate over the target utilisation, at least one"
                    + " unit per table or index) at the configured prices (fleetpulse.cost.*, dated), and says which mode is"
                    + " cheaper.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CapacityReport.class)))
    public CapacityReport capacity(
            @Parameter(description = "How far back from `to`: an ISO-8601 duration, PT1M to fleetpulse.cost.max-window (P7D)")
            @RestQuery @DefaultValue("PT1H") @WellFormed WindowParam window,
            @Parameter(description = "End of the window (exclusive; default now): the minute it falls in is not included")
            @RestQuery @WellFormed TimeParam to) {
        Instant end = TimeParam.valueOrNull(to);
        return reports.report(end == null ? Instant.now() : end, window.value());
    }
}
