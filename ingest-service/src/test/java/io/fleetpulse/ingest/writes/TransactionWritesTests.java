package io.fleetpulse.ingest.writes;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@link ClientKeyWritesContract} with the default write mode: one transaction of conditional puts per chunk. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TransactionWritesTests extends ClientKeyWritesContract {
}
