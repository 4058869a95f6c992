package io.fleetpulse.query.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;

import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.tenant.CallerTenant;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.service.BatchProfiles;
import io.fleetpulse.query.service.RouterOverview;

/**
 * What the caller's ISP ({@link CallerTenant}, from {@link Roles#ISP_CLAIM}) may read. A scoped caller sees only that ISP's
 * data: another ISP's router (and everything under it), result or fleet view answers 404 exactly as an unknown one
 * does, and lists hold only its own items (filtered as they are read, see {@code RangePager}). A fleet-wide token
 * (no claim) sees everything.
 */
@RequestScoped
public class TenantReads {

    private final CallerTenant tenant;

    public TenantReads(CallerTenant tenant) {
        this.tenant = tenant;
    }

    public boolean scoped() {
        return tenant.scoped();
    }

    /** The ISP the caller is scoped to, or null for a fleet-wide caller. */
    public String ispOrNull() {
        return tenant.ispOrNull();
    }

    public boolean mayRead(String dataIsp) {
        return tenant.mayAccess(dataIsp);
    }

    /** The value, or a 404 with {@code notFoundDetail} when it belongs to another ISP. */
    public <T> T visible(T value, Function<T, String> ispOf, String notFoundDetail) {
        if (!mayRead(ispOf.apply(value))) {
            throw ProblemException.notFound(notFoundDetail);
        }
        return value;
    }

    /** A fleet view of {@code viewIsp}: 404 for another ISP's. */
    public void requireFleetView(String viewIsp, String notFoundDetail) {
        if (!mayRead(viewIsp)) {
            throw ProblemException.notFound(notFoundDetail);
        }
    }

    /**
     * The overview with only this caller's latest results: a result of another ISP stored under the caller's router
     * (only a fleet-wide writer can put one there) is left out, not shown in place of the caller's own.
     */
    public RouterOverview filter(RouterOverview overview) {
        if (!tenant.scoped()) {
            return overview;
        }
        Map<String, TestResult> own = new TreeMap<>();
        overview.latest().forEach((type, result) -> {
            if (mayRead(result.isp())) {
                own.put(type, result);
            }
        });
        return new RouterOverview(overview.profile(), own);
    }

    /** Profiles of another ISP reported as missing, as if they did not exist. */
    public BatchProfiles filter(BatchProfiles profiles) {
        if (!tenant.scoped()) {
            return profiles;
        }
        List<RouterProfile> own = new ArrayList<>();
        List<String> missing = new ArrayList<>(profiles.missing());
        for (RouterProfile profile : profiles.profiles()) {
            if (mayRead(profile.isp())) {
                own.add(profile);
            } else {
                missing.add(profile.routerId());
            }
        }
        return new BatchProfiles(own, missing, profiles.unprocessed());
    }
}
