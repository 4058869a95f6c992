package io.fleetpulse.client.problem;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import io.fleetpulse.client.json.FleetpulseJson;
import io.fleetpulse.client.model.FieldError;

/**
 * Every answer of 400 and up as a {@link FleetpulseProblemException} (429 and 503 as
 * {@link FleetpulseRetryableException}), read from its problem+json body and {@code Retry-After}. Its priority is
 * below the implementation's default mapper's, so it is the one that throws.
 */
public class ProblemExceptionMapper implements ResponseExceptionMapper<FleetpulseProblemException> {

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public FleetpulseProblemException toThrowable(Response response) {
        return of(response.getStatus(), readBody(response), response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Override
    public int getPriority() {
        return 100;
    }

    /** The exception of an answer: its status, body (JSON or not) and Retry-After header value (or null). */
    public static FleetpulseProblemException of(int status, JsonNode body, String retryAfterHeader) {
        Duration retryAfter = retryAfter(retryAfterHeader);
        String type = text(body, "type");
        String title = text(body, "title");
        String detail = text(body, "detail");
        String instance = text(body, "instance");
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            errors.add(new FieldError(text(error, "pointer"), text(error, "parameter"), text(error, "message")));
        }
        return status == 429 || status == 503
                ? new FleetpulseRetryableException(status, type, title, detail, instance, errors, retryAfter, body)
                : new FleetpulseProblemException(status, type, title, detail, instance, errors, retryAfter, body);
    }

    /** Delay seconds, or an HTTP date (the time from now until then); null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static JsonNode readBody(Response response) {
        if (!response.hasEntity()) {
            return NullNode.getInstance();
        }
        String body = response.readEntity(String.class);
        try {
            return body == null || body.isBlank() ? NullNode.getInstance() : FleetpulseJson.MAPPER.readTree(body);
        } catch (java.io.IOException notJson) {
            return NullNode.getInstance();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
