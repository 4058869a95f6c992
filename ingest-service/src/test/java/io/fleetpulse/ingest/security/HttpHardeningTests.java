package io.fleetpulse.ingest.security;

import io.fleetpulse.testsupport.HttpHardeningContract;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HttpHardeningTests implements HttpHardeningContract {

    @Override
    public String securedGetPath() {
        return "/v1/admin/hot-keys";
    }

    @Override
    public String writeMethod() {
        return "POST";
    }
}
