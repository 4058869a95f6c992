package io.fleetpulse.client.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import io.fleetpulse.client.json.FleetpulseJson;
import io.fleetpulse.client.model.FieldError;

class ProblemExceptionMapperTest {

    @Test
    void aValidationProblemKeepsEveryMemberAndPointer() throws Exception {
        var body = FleetpulseJson.MAPPER.readTree("""
                {"type": "https://fleetpulse.io/problems/validation", "title": "Validation failed", "status": 422,
                 "detail": "/timestamp is past the retention", "instance": "/v1/results",
                 "errors": [{"pointer": "/timestamp", "message": "is past the retention"},
                            {"parameter": "limit", "message": "must be at most 1000"}]}""");

        FleetpulseProblemException problem = ProblemExceptionMapper.of(422, body, null);

        assertThat(problem).isNotInstanceOf(FleetpulseRetryableException.class);
        assertThat(problem.kind()).isEqualTo(FleetpulseProblemException.Kind.UNPROCESSABLE);
        assertThat(problem.typeSlug()).isEqualTo("validation");
        assertThat(problem.title()).isEqualTo("Validation failed");
        assertThat(problem.detail()).isEqualTo("/timestamp is past the retention");
        assertThat(problem.instance()).isEqualTo("/v1/results");
        assertThat(problem.errors()).containsExactly(new FieldError("/timestamp", null, "is past the retention"),
                new FieldError(null, "limit", "must be at most 1000"));
        assertThat(problem.pointers()).containsExactly("/timestamp");
        assertThat(problem.retryAfter()).isEmpty();
        assertThat(problem).hasMessage("422 Validation failed: /timestamp is past the retention");
    }

    @Test
    void a503KeepsItsExtensionMembersAndIsRetryable() throws Exception {
        var body = FleetpulseJson.MAPPER.readTree("""
                {"type": "https://fleetpulse.io/problems/unavailable", "title": "Unavailable", "status": 503,
                 "accepted": 0, "rejected": [{"index": 0, "reason": "not_written"}]}""");

        FleetpulseProblemException problem = ProblemExceptionMapper.of(503, body, "2");

        assertThat(problem).isInstanceOf(FleetpulseRetryableException.class);
        assertThat(problem.retryable()).isTrue();
        assertThat(problem.retryAfter()).hasValue(Duration.ofSeconds(2));
        assertThat(problem.body().path("rejected").get(0).path("reason").asText()).isEqualTo("not_written");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));

        assertThat(ProblemExceptionMapper.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(ProblemExceptionMapper.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(ProblemExceptionMapper.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(ProblemExceptionMapper.retryAfter("Thu, 01 Jan 1970 00:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ProblemExceptionMapper.retryAfter("soon")).isNull();
        assertThat(ProblemExceptionMapper.retryAfter(null)).isNull();
    }

    @Test
    void anAnswerWithoutAProblemBodyStillHasItsStatus() {
        FleetpulseProblemException problem = ProblemExceptionMapper.of(404, com.fasterxml.jackson.databind.node.NullNode.getInstance(), null);

        assertThat(problem.kind()).isEqualTo(FleetpulseProblemException.Kind.NOT_FOUND);
        assertThat(problem.type()).isNull();
        assertThat(problem.typeSlug()).isEmpty();
        assertThat(problem.errors()).isEmpty();
    }
}
