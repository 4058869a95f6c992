package io.fleetpulse.ingest.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.ingest.store.ProfileStore;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.model.validation.Violation;

/**
 * Create or replace a router profile (AP1 read, AP12 conditional put). The path names the router; a router_id in
 * the body must agree. {@code registered_at} is kept from the stored profile when the body omits it, and set to now
 * on creation.
 *
 * <p>Ownership is decided by the write itself: the put succeeds only if the router still has no profile, or its
 * stored profile still names the ISP that was read and allowed. A concurrent change of the owner makes the put fail
 * and the decision is taken again on what is stored then, so a caller scoped to one ISP can never replace another
 * ISP's profile, even racing a registration.
 */
@ApplicationScoped
public class ProfileService {

    static final int MAX_ATTEMPTS = 3;

    public enum Refusal { NONE, INVALID, FORBIDDEN, CONCURRENT }

    public record Outcome(boolean created, RouterProfile stored, List<Violation> problems, Refusal refusal) {

        static Outcome invalid(List<Violation> problems) {
            return new Outcome(false, null, problems, Refusal.INVALID);
        }

        static Outcome refused(Refusal refusal) {
            return new Outcome(false, null, List.of(), refusal);
        }

        public boolean forbidden() {
            return refusal == Refusal.FORBIDDEN;
        }

        public boolean concurrent() {
            return refusal == Refusal.CONCURRENT;
        }

        public boolean rejected() {
            return refusal == Refusal.INVALID;
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
    public Outcome put(String routerId, RouterProfile body, Predicate<String> mayReplaceIsp) {
        List<Violation> problems = new ArrayList<>();
        if (body.routerId() != null && !body.routerId().equals(routerId)) {
            problems.add(Violation.invalid("/router_id", "must be the router_id of the path (" + routerId + ") or absent"));
        }
        RouterProfile profile = body.withRouterId(routerId);
        problems.addAll(Validation.routerProfile(profile));
        if (!problems.isEmpty()) {
            return Outcome.invalid(problems);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<RouterProfile> existing = profiles.get(routerId);
            if (existing.isPresent() && !mayReplaceIsp.test(existing.get().isp())) {
                return Outcome.refused(Refusal.FORBIDDEN);
            }
            Instant registeredAt = profile.registeredAt() != null ? profile.registeredAt()
                    : existing.map(RouterProfile::registeredAt).orElse(clock.instant().truncatedTo(ChronoUnit.MILLIS));
            RouterProfile stored = new RouterProfile(routerId, profile.model(), profile.firmware(), profile.location(),
                    profile.isp(), registeredAt);
            if (profiles.put(stored, existing.map(RouterProfile::isp).orElse(null))) {
                return new Outcome(existing.isEmpty(), stored, List.of(), Refusal.NONE);
            }
        }
        return Outcome.refused(Refusal.CONCURRENT);
    }
}
