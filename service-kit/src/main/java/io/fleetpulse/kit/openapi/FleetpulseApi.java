package io.fleetpulse.kit.openapi;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.problem.Problem;

/**
 * The {@code Problem} schema in every service's OpenAPI document, whether or not a resource names it:
 * {@link ProblemResponsesFilter} refers every error answer to it. Title, version and security scheme are settings
 * ({@code quarkus.smallrye-openapi.*} in the kit's and each service's configuration).
 */
@OpenAPIDefinition(info = @Info(title = "Fleetpulse", version = "1"),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
public final class FleetpulseApi {

    private FleetpulseApi() {
    }
}
