package io.fleetpulse.ingest.faults;

import java.util.List;
import java.util.Map;

import io.fleetpulse.testsupport.CapacityEmulationTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service's DynamoDB client behind a capacity proxy with the real limits ({@value #FACTOR}: never reached by these
 * tests), whose fault injection the tests switch on: a throttled share of the calls, or an outage. Everything else
 * (retry budgets, timeouts, circuit breakers, Retry-After) is the production configuration.
 */
public class StoreFaultProfile implements QuarkusTestProfile {

    static final double FACTOR = 1;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CapacityEmulationTestResource.class,
                Map.of(CapacityEmulationTestResource.FACTOR, Double.toString(FACTOR))));
    }
}
