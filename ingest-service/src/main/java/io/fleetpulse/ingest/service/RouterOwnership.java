package io.fleetpulse.ingest.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.ingest.store.ProfileStore;
import io.fleetpulse.model.entity.RouterProfile;

/**
 * Who owns a router: the ISP of its profile (AP1, strongly consistent). A token scoped to one ISP writes results only
 * for routers registered to that ISP; a router without a profile belongs to nobody yet and must be registered first
 * (PUT /v1/routers/{router_id}, whose conditional put claims it for the caller's ISP). Unregistered and foreign routers
 * get the same answer, so a scoped caller cannot tell whether another ISP has a router of that id.
 */
@ApplicationScoped
public class RouterOwnership {

    /** Routers remembered per request: a batch reads each router's profile once. */
    static final int MEMO_SIZE = 4096;

    private final ProfileStore profiles;

    public RouterOwnership(ProfileStore profiles) {
        this.profiles = profiles;
    }

    /** Whether {@code routerId} is registered to {@code isp}. */
    public boolean owns(String isp, String routerId) {
        return profiles.get(routerId).map(RouterProfile::isp).filter(owner -> Objects.equals(owner, isp)).isPresent();
    }

    /** Answers for one request of a caller scoped to {@code isp}, each router read once (up to {@link #MEMO_SIZE}). */
    public Memo memo(String isp) {
        return new Memo(isp);
    }

    /** One request's answers. Not thread-safe: the batch reader thread only. */
    public final class Memo {

        private final String isp;
        private final Map<String, Boolean> known = new HashMap<>();

        private Memo(String isp) {
            this.isp = isp;
        }

        public boolean owns(String routerId) {
            Boolean owned = known.get(routerId);
            if (owned == null) {
                owned = RouterOwnership.this.owns(isp, routerId);
                if (known.size() < MEMO_SIZE) {
                    known.put(routerId, owned);
                }
            }
            return owned;
        }
    }
}
