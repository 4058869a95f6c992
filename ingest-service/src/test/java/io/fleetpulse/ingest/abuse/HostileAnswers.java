package io.fleetpulse.ingest.abuse;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.testsupport.HttpLoad;

/** What a hostile request may be answered, checked answer by answer. */
final class HostileAnswers {

    static final String PROBLEM_JSON = "application/problem+json";

    private HostileAnswers() {
    }

    /** Null when the answer is allowed, else what is wrong with it. */
    static String check(Hostile request, HttpLoad.Answer answer) {
        if (!answer.answered()) {
            return "no HTTP answer";
        }
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 200 && status < 300) {
            // a batch under a token scoped to another ISP is read, and every item rejected as forbidden
            boolean batch = request.path().startsWith("/v1/results/batch");
            return request.expect() == Hostile.Expect.NOTHING_ACCEPTED
                    || request.expect() == Hostile.Expect.REFUSED_TOKEN && batch ? nothingAccepted(answer) : "accepted";
        }
        if (status < 400) {
            return "neither a success nor an error";
        }
        if (request.expect() == Hostile.Expect.REFUSED_TOKEN && status != 401 && status != 403) {
            return "a bad token not refused with 401 or 403";
        }
        return problem(answer);
    }

    /** A batch answer that accepted nothing. */
    private static String nothingAccepted(HttpLoad.Answer answer) {
        JsonNode body = json(answer);
        if (body == null || !body.path("accepted").isInt()) {
            return "a success without a batch report";
        }
        return body.path("accepted").asInt() == 0 ? null : "accepted " + body.path("accepted").asInt() + " bad items";
    }

    /** An RFC 9457 problem with the answer's status and no trace of the implementation. */
    static String problem(HttpLoad.Answer answer) {
        if (!PROBLEM_JSON.equals(answer.mediaType())) {
            return "an error that is not " + PROBLEM_JSON;
        }
        JsonNode body = json(answer);
        if (body == null) {
            return "a problem that is not JSON";
        }
        if (body.path("status").asInt() != answer.status() || !body.path("title").isTextual() || !body.path("type").isTextual()) {
            return "a problem without its status, title and type";
        }
        String text = answer.text();
        if (text.contains("Exception") || text.contains("\tat ") || text.contains("io.fleetpulse.")) {
            return "a problem that shows the implementation";
        }
        return null;
    }

    private static JsonNode json(HttpLoad.Answer answer) {
        try {
            return Fixtures.JSON.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }
}
