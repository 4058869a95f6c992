package io.fleetpulse.testsupport;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile on the shared stack, but with a table and a bucket that do not exist: for tests of readiness
 * going DOWN (and liveness staying UP). Only this profile's {@link LocalStackTestResource} runs, with
 * {@code fleetpulse.table-name} and {@code fleetpulse.archive.bucket} replaced. Subclass it to add config overrides.
 */
public class MissingDependenciesProfile implements QuarkusTestProfile {

    public static final String MISSING_TABLE = "missing-table";
    public static final String MISSING_BUCKET = "missing-bucket";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalStackTestResource.class,
                Map.of(TestConfig.TABLE_NAME, MISSING_TABLE, TestConfig.ARCHIVE_BUCKET, MISSING_BUCKET)));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
