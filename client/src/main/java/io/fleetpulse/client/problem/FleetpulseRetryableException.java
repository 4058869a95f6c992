package io.fleetpulse.client.problem;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.client.model.FieldError;

/**
 * A 429 (saturated, rate limited) or 503 (store unavailable, timeout, circuit open): nothing was done, call again
 * after {@link #retryAfter()}. Its own class so that {@code @Retry(retryOn = ...)} can name it.
 */
public class FleetpulseRetryableException extends FleetpulseProblemException {

    public FleetpulseRetryableException(int status, String type, String title, String detail, String instance, List<FieldError> errors,
            Duration retryAfter, JsonNode body) {
        super(status, type, title, detail, instance, errors, retryAfter, body);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
