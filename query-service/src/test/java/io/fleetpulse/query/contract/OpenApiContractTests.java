package io.fleetpulse.query.contract;

import java.util.List;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.OpenApiContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** query-service's committed contract (docs/api/query-service.openapi.yaml) is the one it serves. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OpenApiContractTests implements OpenApiContract {

    @Override
    public String serviceName() {
        return "query-service";
    }

    @Override
    public DocumentedOperation documentedOperation() {
        return new DocumentedOperation("get", "/v1/routers/{router_id}/results", List.of(Roles.RESULTS_READ),
                TestTokens.writer(), request -> request.get("/v1/routers/rtr-contract/results"));
    }
}
