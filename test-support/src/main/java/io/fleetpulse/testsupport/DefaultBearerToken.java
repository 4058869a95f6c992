package io.fleetpulse.testsupport;

import static io.restassured.RestAssured.oauth2;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Before each {@code @QuarkusTest} method (registered as a service, so it runs in the test's class loader): REST
 * Assured sends a fleet-wide token with every role, so tests of behaviour other than security need no token code.
 * Security tests override it per request: {@code given().auth().none()} sends no token,
 * {@code given().auth().oauth2(TestTokens.reader())} another one.
 */
public class DefaultBearerToken implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = oauth2(Holder.TOKEN);
    }

    private static final class Holder {
        static final String TOKEN = TestTokens.allRoles();
    }
}
