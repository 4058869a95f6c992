package io.fleetpulse.kit.tenant;

import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.Claim;

import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.model.auth.Roles;

/**
 * The ISP the caller's token is scoped to ({@link Roles#ISP_CLAIM}), if any. A scoped caller reads and writes only
 * that ISP's data (each service says what that means for its endpoints); a fleet-wide token (no claim) may do all.
 */
@RequestScoped
public class CallerTenant {

    private final Optional<String> isp;

    public CallerTenant(@Claim(Roles.ISP_CLAIM) String isp) {
        this.isp = Optional.ofNullable(isp);
    }

    public Optional<String> isp() {
        return isp;
    }

    public boolean scoped() {
        return isp.isPresent();
    }

    /** The ISP the caller is scoped to, or null for a fleet-wide caller. */
    public String ispOrNull() {
        return isp.orElse(null);
    }

    /** Whether data of {@code dataIsp} is the caller's to read or write. */
    public boolean mayAccess(String dataIsp) {
        return isp.isEmpty() || Objects.equals(isp.get(), dataIsp);
    }

    /** 403 with {@code detail} for a token scoped to one ISP: the operation spans the whole fleet. */
    public void requireFleetWide(String detail) {
        if (isp.isPresent()) {
            throw new ProblemException(Problems.forbidden(detail, null));
        }
    }
}
