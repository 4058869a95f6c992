package io.fleetpulse.kit.json;

import io.fleetpulse.model.capacity.CapacityReport;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.RawBlobRef;
import io.fleetpulse.model.entity.ResultBatch;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.validation.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Shared-model's JSON types, which Jackson maps by reflection and which are plain Java there (no Quarkus
 * annotations), for the native executable of every service; a service's own DTOs carry the annotation themselves.
 * Each service's ReflectionRegistrationsTest fails when a Jackson-annotated type is left out. (The STS web identity
 * provider that IRSA needs is registered by the sts jar's own META-INF/native-image configuration.)
 */
@RegisterForReflection(targets = {TestResult.class, TestStatus.class, RawBlobRef.class, RouterProfile.class,
        Aggregate.class, AggregateScope.class, MetricStats.class, ArchiveRun.class, ArchiveRunStatus.class,
        FleetLocation.class, Period.class, Violation.class, Violation.Kind.class, ResultBatch.class, CapacityReport.class,
        CapacityReport.Prices.class, CapacityReport.PatternUsage.class, CapacityReport.IndexUsage.class,
        CapacityReport.Total.class})
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
