package io.fleetpulse.query.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.fleetpulse.query.config.QueryConfig;

/**
 * Run-time settings of the dashboard page (its HTML and scripts are bundled at build time, so they cannot carry
 * configuration). Not part of the public API.
 */
@Path("/dashboard/settings")
public class DashboardResource {

    private final QueryConfig config;

    public DashboardResource(QueryConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Bodies.DashboardSettings settings() {
        return new Bodies.DashboardSettings(config.dashboard().ingestUrl().orElse(null));
    }
}
