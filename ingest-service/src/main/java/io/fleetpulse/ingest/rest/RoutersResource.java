package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;

import io.fleetpulse.model.auth.Roles;

import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.fleetpulse.ingest.service.ProfileService;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.validation.Validation;

/** Router profiles: create or replace (AP12). */
@Path("/v1/routers/{router_id}")
@RolesAllowed(Roles.RESULTS_WRITE)
@Tag(name = "routers", description = "Router profiles")
public class RoutersResource {

    private static final long MAX_PROFILE_BODY = 64 * 1024;

    private final ProfileService profiles;
    private final JsonBodies bodies;
    private final TenantWrites tenant;

    public RoutersResource(ProfileService profiles, JsonBodies bodies, TenantWrites tenant) {
        this.profiles = profiles;
        this.bodies = bodies;
        this.tenant = tenant;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a router profile",
            description = "router_id comes from the path (a router_id in the body must match). registered_at is kept from"
                    + " the stored profile when omitted, and set to now on creation. The put is conditional on the stored owner: a"
                    + " token scoped to one ISP registers routers without a profile for its ISP (claiming them) and"
                    + " replaces only its own ISP's profiles.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RouterProfile.class), examples = @ExampleObject(name = "profile", value = Examples.PROFILE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RouterProfile.class), examples = @ExampleObject(name = "profile", value = Examples.PROFILE)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RouterProfile.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or bad router_id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The router is registered to another ISP, or the body names another"
            + " ISP than the token's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The profile changed concurrently; send again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Invalid profile", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Store unavailable; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response put(@PathParam("router_id") String routerId, InputStream body,
            @HeaderParam("Content-Length") String contentLength) {
        if (!Validation.isId(routerId)) {
            throw new ProblemException(Problems.badParameter("router_id",
                    "must be 1-64 characters of letters, digits, '_', '.', ':' or '-', starting with a letter or digit"));
        }
        if (contentLength != null && contentLength.trim().matches("\\d{1,18}") && Long.parseLong(contentLength.trim()) > MAX_PROFILE_BODY) {
            throw new ProblemException(Problems.tooLarge("the body is larger than " + MAX_PROFILE_BODY + " bytes", null));
        }
        RouterProfile profile = bodies.readProfile(new LimitedInputStream(body, MAX_PROFILE_BODY));
        tenant.requireWrite(profile.isp());
        // a scoped caller must not take over a router registered under another ISP either
        ProfileService.Outcome outcome = profiles.put(routerId, profile, tenant::mayWrite);
        if (outcome.forbidden()) {
            throw tenant.foreign();
        }
        if (outcome.concurrent()) {
            throw new ProblemException(Problems.conflict("the profile of router " + routerId + " changed while it was being"
                    + " written; send the request again", List.of(FieldError.pointer("/isp", "changed concurrently"))));
        }
        if (outcome.rejected()) {
            throw new ProblemException(Problems.invalid(outcome.problems().get(0).pointer() + " " + outcome.problems().get(0).message(),
                    outcome.problems().stream().map(FieldError::of).toList()));
        }
        if (outcome.created()) {
            return Response.created(UriBuilder.fromPath("/v1/routers/{router_id}").build(routerId))
                    .type(MediaType.APPLICATION_JSON).entity(outcome.stored()).build();
        }
        return Response.ok(outcome.stored(), MediaType.APPLICATION_JSON).build();
    }
}
