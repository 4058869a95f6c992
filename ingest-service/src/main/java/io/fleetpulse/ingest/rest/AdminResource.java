package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.model.auth.Roles;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import io.fleetpulse.ingest.service.HotKeys;

/** Operational views of the ingest path. */
@Path("/v1/admin")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "admin", description = "Operational views")
public class AdminResource {

    public static final int MAX_LIMIT = 100;

    private final HotKeys hotKeys;

    private final TenantWrites tenant;

    public AdminResource(HotKeys hotKeys, TenantWrites tenant) {
        this.hotKeys = hotKeys;
        this.tenant = tenant;
    }

    @GET
    @Path("/hot-keys")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Most written partition keys over the sliding window",
            description = "The local equivalent of DynamoDB Contributor Insights: partition keys by writes this service made"
                    + " over the last fleetpulse.ingest.hot-keys.window (default 60 s), most written first.")
    @APIResponse(responseCode = "200", description = "Top partition keys", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = HotKeyView.class)))
    @APIResponse(responseCode = "400", description = "Bad limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<HotKeyView> hotKeys(@Parameter(description = "1..100, default 10") @QueryParam("limit") String limit) {
        tenant.requireFleetWide();
        int n = 10;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new ProblemException(Problems.badParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        return hotKeys.top(n).stream().map(key -> new HotKeyView(key.partitionKey(), key.writes())).toList();
    }
}
