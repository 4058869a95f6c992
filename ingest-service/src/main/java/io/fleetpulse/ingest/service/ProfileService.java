package io.fleetpulse.ingest.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.ingest.store.ProfileStore;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.model.validation.Violation;

/**
 * Create or replace a router profile (AP1 read, AP12 put). The path names the router; a router_id in
 * the body must agree. {@code registered_at} is kept from the stored profile when the body omits it,
 * and set to now on creation.
 */
@ApplicationScoped
public class ProfileService {

    public record Outcome(boolean created, RouterProfile stored, List<Violation> problems, boolean forbidden) {

        Outcome(boolean created, RouterProfile stored, List<Violation> problems) {
            this(created, stored, problems, false);
        }

        public boolean rejected() {
            return !problems.isEmpty();
        }
    }

    private final ProfileStore profiles;
    private final Clock clock;

    public ProfileService(ProfileStore profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    public Outcome put(String routerId, RouterProfile body) {
        return put(routerId, body, isp -> true);
    }

    /**
     * Creates or replaces the profile; {@code mayReplaceIsp} says whether the caller may replace a stored profile of
     * that ISP (a caller scoped to one ISP may not take over another's router): if not, nothing is written and the
     * outcome is {@code forbidden}.
     */
    public Outcome put(String routerId, RouterProfile body, java.util.function.Predicate<String> mayReplaceIsp) {
        List<Violation> problems = new ArrayList<>();
        if (body.routerId() != null && !body.routerId().equals(routerId)) {
            problems.add(Violation.invalid("/router_id", "must be the router_id of the path (" + routerId + ") or absent"));
        }
        RouterProfile profile = body.withRouterId(routerId);
        problems.addAll(Validation.routerProfile(profile));
        if (!problems.isEmpty()) {
            return new Outcome(false, null, problems);
        }
        Optional<RouterProfile> existing = profiles.get(routerId);
        if (existing.isPresent() && !mayReplaceIsp.test(existing.get().isp())) {
            return new Outcome(false, null, List.of(), true);
        }
        Instant registeredAt = profile.registeredAt() != null ? profile.registeredAt()
                : existing.map(RouterProfile::registeredAt).orElse(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        RouterProfile stored = new RouterProfile(routerId, profile.model(), profile.firmware(), profile.location(),
                profile.isp(), registeredAt);
        profiles.put(stored);
        return new Outcome(existing.isEmpty(), stored, List.of());
    }
}
