package io.fleetpulse.testsupport;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks an error answer against the API's error contract: an RFC 9457 problem with its status and no trace of the code. */
public final class ProblemAnswers {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemAnswers() {
    }

    /** Null when the answer is such a problem, else what is wrong with it. */
    public static String problem(HttpLoad.Answer answer) {
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

    /** The body as JSON, or null when it is not JSON. */
    public static JsonNode json(HttpLoad.Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }
}
