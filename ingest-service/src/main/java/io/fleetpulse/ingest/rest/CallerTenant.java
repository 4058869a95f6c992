package io.fleetpulse.ingest.rest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.Claim;

import io.fleetpulse.ingest.service.BatchEntry;
import io.fleetpulse.ingest.service.BatchSource;
import io.fleetpulse.ingest.service.RejectReason;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.validation.Violation;

/**
 * The ISP the caller's token is scoped to ({@link Roles#ISP_CLAIM}), if any: such a caller writes only that ISP's
 * results and profiles. A fleet-wide token (no claim) writes any.
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

    /** Whether a write for {@code targetIsp} is the caller's to make. */
    public boolean mayWrite(String targetIsp) {
        return isp.isEmpty() || Objects.equals(isp.get(), targetIsp);
    }

    /** 403 naming {@code /isp} unless the caller may write for {@code targetIsp}. */
    public void requireWrite(String targetIsp) {
        if (!mayWrite(targetIsp)) {
            throw foreign();
        }
    }

    /** The 403 for a write that belongs to another ISP, naming {@code /isp}. */
    public ProblemException foreign() {
        return new ProblemException(Problems.forbidden("/isp " + foreignMessage(),
                List.of(FieldError.pointer("/isp", foreignMessage()))));
    }

    /** 403 for a token scoped to one ISP: operator views span the whole fleet. */
    public void requireFleetWide() {
        if (isp.isPresent()) {
            throw new ProblemException(Problems.forbidden("this view spans every ISP; a token scoped to one ISP cannot read it", null));
        }
    }

    /** The batch with every item for another ISP turned into a rejected item (reason {@code forbidden}). */
    public BatchSource scope(BatchSource source) {
        if (isp.isEmpty()) {
            return source;
        }
        return () -> {
            BatchEntry entry = source.next();
            if (entry == null || entry.result() == null || mayWrite(entry.result().isp())) {
                return entry;
            }
            return BatchEntry.unreadable(entry.index(), entry.pointerPrefix(), RejectReason.FORBIDDEN,
                    List.of(Violation.invalid("/isp", foreignMessage())));
        };
    }

    private String foreignMessage() {
        return "is not the ISP this token may write for (" + isp.orElse("") + ")";
    }
}
