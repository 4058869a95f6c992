package io.fleetpulse.query.client;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import io.fleetpulse.client.auth.BearerToken;
import io.fleetpulse.testsupport.probe.ProblemProbeResource;

/**
 * The provider {@link JavaClientInQuarkusTests} registers on the injected {@code QueryApi} (by configuration): the
 * client's {@link BearerToken} with the test's token, and per-test faults. A call to be answered "store down" is sent to
 * the service's real 503 probe instead (which answers any media type); a call to be stalled is sent to a port that accepts connections and never
 * answers. Every attempt is counted.
 */
public class ClientFaults implements ClientRequestFilter, ClientResponseFilter {

    static final AtomicReference<String> TOKEN = new AtomicReference<>();
    /** The next this many attempts go to the store-down probe (503 with Retry-After). */
    static final AtomicInteger STORE_DOWN = new AtomicInteger();
    /** While set, attempts go to this silent address. */
    static final AtomicReference<URI> STALL = new AtomicReference<>();
    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    /** The Retry-After of the last answer that had one. */
    static final AtomicReference<String> RETRY_AFTER = new AtomicReference<>();

    private final BearerToken bearer = new BearerToken(TOKEN::get);

    static void reset(String token) {
        TOKEN.set(token);
        STORE_DOWN.set(0);
        STALL.set(null);
        ATTEMPTS.set(0);
        RETRY_AFTER.set(null);
    }

    @Override
    public void filter(ClientRequestContext request) {
        ATTEMPTS.incrementAndGet();
        bearer.filter(request);
        URI uri = request.getUri();
        URI silent = STALL.get();
        if (silent != null) {
            request.setUri(silent.resolve(uri.getRawPath()));
        } else if (STORE_DOWN.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            request.setUri(uri.resolve(ProblemProbeResource.PATH + "/store-down"));
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        // no headers: no answer (a read timeout)
        String retryAfter = response.getHeaders() == null ? null : response.getHeaderString(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            RETRY_AFTER.set(retryAfter);
        }
    }
}
