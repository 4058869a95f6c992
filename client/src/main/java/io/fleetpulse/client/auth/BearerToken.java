package io.fleetpulse.client.auth;

import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * {@code Authorization: Bearer <jwt>} on every call, the token asked of the supplier per call (so a supplier that
 * refreshes an expiring token is used as it is); a null or blank token sends no header.
 */
public final class BearerToken implements ClientRequestFilter {

    private final Supplier<String> token;

    public BearerToken(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String value = token.get();
        if (value != null && !value.isBlank()) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + value);
        }
    }
}
