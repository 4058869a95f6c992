package io.fleetpulse.archiver.contract;

import java.util.List;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.OpenApiContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** archiver-service's committed contract (docs/api/archiver-service.openapi.yaml) is the one it serves. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OpenApiContractTests implements OpenApiContract {

    @Override
    public String serviceName() {
        return "archiver-service";
    }

    @Override
    public DocumentedOperation documentedOperation() {
        return new DocumentedOperation("post", "/v1/archive/runs", List.of(Roles.ARCHIVE_ADMIN), TestTokens.reader(),
                request -> request.contentType("application/json").body("{\"older_than\":\"P30D\"}").post("/v1/archive/runs"));
    }
}
