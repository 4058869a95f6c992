package io.fleetpulse.archiver.rest;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.Claim;

import io.fleetpulse.model.auth.Roles;

/**
 * The ISP the caller's token is scoped to ({@link Roles#ISP_CLAIM}), if any: such a caller reads back only that ISP's
 * archived results, and cannot run archive runs, which span the whole fleet.
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

    /** 403 for a token scoped to one ISP. */
    public void requireFleetWide() {
        if (isp.isPresent()) {
            throw new ProblemException(403, "Forbidden", "Archive runs span every ISP; a token scoped to one ISP cannot use them",
                    null);
        }
    }
}
