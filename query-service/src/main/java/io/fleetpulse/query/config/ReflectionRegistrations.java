package io.fleetpulse.query.config;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.RawBlobRef;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.validation.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable must keep for reflection beyond what Quarkus finds itself: shared-model's JSON types
 * (plain Java, no Quarkus annotations there) and the STS web identity provider factory, which the AWS SDK loads by
 * name when a pod has IRSA credentials. ReflectionRegistrationsTest fails when a Jackson-annotated type is missing.
 */
@RegisterForReflection(
        targets = {TestResult.class, TestStatus.class, RawBlobRef.class, RouterProfile.class, Aggregate.class,
                AggregateScope.class, MetricStats.class, ArchiveRun.class, ArchiveRunStatus.class, FleetLocation.class,
                Period.class, Violation.class, Violation.Kind.class},
        classNames = "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory")
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
