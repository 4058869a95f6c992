package io.fleetpulse.ingest.rest;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.fleetpulse.ingest.service.BatchEntry;
import io.fleetpulse.ingest.service.BatchSource;
import io.fleetpulse.ingest.service.RejectReason;
import io.fleetpulse.ingest.service.RouterOwnership;
import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.tenant.CallerTenant;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.validation.Violation;

/**
 * What the caller's ISP ({@link CallerTenant}, from {@link Roles#ISP_CLAIM}) may write: a scoped caller writes only
 * that ISP's profiles, and results that name that ISP for routers registered to it ({@link RouterOwnership}). A
 * fleet-wide token (no claim) writes any.
 */
@RequestScoped
public class TenantWrites {

    private final CallerTenant tenant;
    private final Optional<String> isp;
    private final RouterOwnership ownership;

    public TenantWrites(CallerTenant tenant, RouterOwnership ownership) {
        this.tenant = tenant;
        this.isp = tenant.isp();
        this.ownership = ownership;
    }

    /** Whether a write for {@code targetIsp} is the caller's to make. */
    public boolean mayWrite(String targetIsp) {
        return tenant.mayAccess(targetIsp);
    }

    /** 403 naming {@code /isp} unless the caller may write for {@code targetIsp}. */
    public void requireWrite(String targetIsp) {
        if (!mayWrite(targetIsp)) {
            throw foreign();
        }
    }

    /**
     * 403 unless the caller may write {@code result}: its {@code isp} is the caller's, and (for a scoped caller) its
     * router is registered to the caller's ISP. A router without a profile is refused like another ISP's router.
     */
    public void requireWrite(TestResult result) {
        requireWrite(result.isp());
        if (isp.isPresent() && Validation.isId(result.routerId()) && !ownership.owns(isp.get(), result.routerId())) {
            throw new ProblemException(Problems.forbidden("/router_id " + notOwnedMessage(result.routerId()),
                    List.of(FieldError.pointer("/router_id", notOwnedMessage(result.routerId())))));
        }
    }

    /** The 403 for a write that belongs to another ISP, naming {@code /isp}. */
    public ProblemException foreign() {
        return new ProblemException(Problems.forbidden("/isp " + foreignMessage(),
                List.of(FieldError.pointer("/isp", foreignMessage()))));
    }

    /** 403 for a token scoped to one ISP: operator views span the whole fleet. */
    public void requireFleetWide() {
        tenant.requireFleetWide("this view spans every ISP; a token scoped to one ISP cannot read it");
    }

    /** The batch with every item for another ISP turned into a rejected item (reason {@code forbidden}). */
    public BatchSource scope(BatchSource source) {
        if (isp.isEmpty()) {
            return source;
        }
        RouterOwnership.Memo owned = ownership.memo(isp.get());
        return () -> {
            BatchEntry entry = source.next();
            if (entry == null || entry.result() == null) {
                return entry;
            }
            if (!mayWrite(entry.result().isp())) {
                return forbidden(entry, "/isp", foreignMessage());
            }
            String routerId = entry.result().routerId();
            if (routerId == null || !Validation.isId(routerId)) {
                return entry; // validation names it
            }
            boolean owns;
            try {
                owns = owned.owns(routerId);
            } catch (RuntimeException storeFailure) {
                return BatchEntry.unreadable(entry.index(), entry.pointerPrefix(), RejectReason.NOT_WRITTEN,
                        List.of(Violation.invalid("/router_id", "not written: the router's profile could not be read to"
                                + " check its ISP (" + storeFailure.getClass().getSimpleName() + "); send the item again")));
            }
            return owns ? entry : forbidden(entry, "/router_id", notOwnedMessage(routerId));
        };
    }

    private static BatchEntry forbidden(BatchEntry entry, String pointer, String message) {
        return BatchEntry.unreadable(entry.index(), entry.pointerPrefix(), RejectReason.FORBIDDEN,
                List.of(Violation.invalid(pointer, message)));
    }

    private String notOwnedMessage(String routerId) {
        return "is not a router registered to the ISP this token may write for (" + isp.orElse("") + "); register it"
                + " first with PUT /v1/routers/" + routerId;
    }

    private String foreignMessage() {
        return "is not the ISP this token may write for (" + isp.orElse("") + ")";
    }
}
