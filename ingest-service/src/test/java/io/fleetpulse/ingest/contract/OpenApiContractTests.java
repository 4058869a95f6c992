package io.fleetpulse.ingest.contract;

import java.util.List;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.OpenApiContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** ingest-service's committed contract (docs/api/ingest-service.openapi.yaml) is the one it serves. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OpenApiContractTests implements OpenApiContract {

    @Override
    public String serviceName() {
        return "ingest-service";
    }

    @Override
    public DocumentedOperation documentedOperation() {
        return new DocumentedOperation("post", "/v1/results", List.of(Roles.RESULTS_WRITE), TestTokens.reader(),
                request -> request.contentType("application/json").body("{}").post("/v1/results"));
    }
}
