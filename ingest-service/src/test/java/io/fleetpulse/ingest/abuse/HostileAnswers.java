package io.fleetpulse.ingest.abuse;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.testsupport.HostileRequest;
import io.fleetpulse.testsupport.HttpLoad;
import io.fleetpulse.testsupport.ProblemAnswers;

/** What a hostile request to ingest may be answered, checked answer by answer. */
final class HostileAnswers {

    private HostileAnswers() {
    }

    /** Null when the answer is allowed, else what is wrong with it. */
    static String check(HostileRequest request, HttpLoad.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 200 && status < 300) {
            // a batch under a token scoped to another ISP is read, and every item rejected as forbidden
            boolean batch = request.path().startsWith("/v1/results/batch");
            return request.expect() == HostileRequest.Expect.NOTHING_ACCEPTED
                    || request.expect() == HostileRequest.Expect.REFUSED_TOKEN && batch ? nothingAccepted(answer) : "accepted";
        }
        if (status < 400) {
            return "neither a success nor an error";
        }
        if (request.expect() == HostileRequest.Expect.REFUSED_TOKEN && status != 401 && status != 403) {
            return "a bad token not refused with 401 or 403";
        }
        return ProblemAnswers.problem(answer);
    }

    /** A batch answer that accepted nothing. */
    private static String nothingAccepted(HttpLoad.Answer answer) {
        JsonNode body = ProblemAnswers.json(answer);
        if (body == null || !body.path("accepted").isInt()) {
            return "a success without a batch report";
        }
        return body.path("accepted").asInt() == 0 ? null : "accepted " + body.path("accepted").asInt() + " bad items";
    }
}
