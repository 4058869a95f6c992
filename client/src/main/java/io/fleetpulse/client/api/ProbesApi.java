package io.fleetpulse.client.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

import io.fleetpulse.client.problem.ProblemExceptionMapper;

/**
 * The operational endpoints every service has beside its {@code /v1} API (open, no token): readiness and the
 * Prometheus metrics. Not retried: a caller waiting for readiness polls.
 */
@Path("/q")
@RegisterProvider(ProblemExceptionMapper.class)
public interface ProbesApi {

    /** {@code GET /q/health/ready}: the checks as JSON when ready; a 503 problem exception when not. */
    @GET
    @Path("/health/ready")
    @Produces(MediaType.APPLICATION_JSON)
    String ready();

    /** {@code GET /q/metrics}: the Prometheus text exposition. */
    @GET
    @Path("/metrics")
    @Produces(MediaType.TEXT_PLAIN)
    String metrics();
}
