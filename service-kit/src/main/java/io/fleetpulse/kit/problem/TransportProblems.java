package io.fleetpulse.kit.problem;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * A body whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer
 * before the REST layer sees it, with an empty 413; this route (just before Quarkus's own limit, order -2) answers it
 * as a problem instead. A chunked body that grows past the limit is still cut off by Quarkus with a bare 413.
 */
@ApplicationScoped
public class TransportProblems {

    static final int BEFORE_UPLOAD_LIMIT = -3;

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(BEFORE_UPLOAD_LIMIT).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length == null || !length.chars().allMatch(Character::isDigit) || length.length() > 18
                    || Long.parseLong(length) <= limit) {
                context.next();
                return;
            }
            Problem problem = Problems.tooLarge("the body is larger than the " + limit + " bytes this service accepts", null)
                    .withInstance(context.normalizedPath());
            try {
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(Buffer.buffer(mapper.writeValueAsBytes(problem)));
            } catch (JsonProcessingException e) {
                context.next();
            }
        });
    }
}
