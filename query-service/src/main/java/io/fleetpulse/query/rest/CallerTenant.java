package io.fleetpulse.query.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.Claim;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.query.service.BatchProfiles;
import io.fleetpulse.query.service.ResultPage;

/**
 * The ISP the caller's token is scoped to ({@link Roles#ISP_CLAIM}), if any. Such a caller sees only that ISP's
 * data: another ISP's router, result or fleet view answers 404 exactly as an unknown one does, and lists hold only
 * its own items. A fleet-wide token (no claim) sees everything.
 */
@RequestScoped
public class CallerTenant {

    private final Optional<String> isp;

    public CallerTenant(@Claim(Roles.ISP_CLAIM) String isp) {
        this.isp = Optional.ofNullable(isp);
    }

    public boolean scoped() {
        return isp.isPresent();
    }

    public boolean mayRead(String dataIsp) {
        return isp.isEmpty() || Objects.equals(isp.get(), dataIsp);
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

    /** The page with only this caller's items; the cursor is kept, so paging goes on past a page left empty. */
    public <T> ResultPage<T> filter(ResultPage<T> page, Function<T, String> ispOf) {
        if (isp.isEmpty()) {
            return page;
        }
        return new ResultPage<>(page.items().stream().filter(item -> mayRead(ispOf.apply(item))).toList(), page.nextCursor(),
                page.range(), page.order());
    }

    /** Profiles of another ISP reported as missing, as if they did not exist. */
    public BatchProfiles filter(BatchProfiles profiles) {
        if (isp.isEmpty()) {
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
