package io.fleetpulse.simulator.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.simulator.json.Json;

/** archiver-service: archive runs and the archive read back as NDJSON. */
public final class ArchiverClient {

    private final HttpJson http;

    /** An archive run as the archiver reports it. */
    public record Run(String id, String status, Instant cutoff, long exported, long deleted, long objects, String error) {
        static Run of(JsonNode run) {
            return new Run(run.path("run_id").asText(), run.path("status").asText(), Instant.parse(run.path("cutoff").asText()),
                    run.path("exported").asLong(), run.path("deleted").asLong(), run.path("objects").asLong(),
                    run.path("error").asText(null));
        }

        public boolean finished() {
            return status.equals("succeeded") || status.equals("failed");
        }
    }

    public ArchiverClient(HttpJson http) {
        this.http = http;
    }

    /** {@code POST /v1/archive/runs}: must answer 202 with the run. */
    public Run start(Duration olderThan) {
        HttpJson.Reply reply = http.postJson("/v1/archive/runs", Map.of("older_than", olderThan.toString()));
        if (reply.status() != 202) {
            throw new HttpJson.UnexpectedReply("POST /v1/archive/runs answered " + reply.status() + ": " + reply.body());
        }
        return Run.of(reply.json());
    }

    /** Polls the run until it has finished or the deadline passed (then its last state). */
    public Run await(String runId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Run run;
        do {
            run = Run.of(http.getJson("/v1/archive/runs/" + runId, Map.of()));
            if (run.finished()) {
                return run;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return run;
    }

    /** {@code GET /v1/archive/results}: every archived row of the router in [from, to). */
    public List<JsonNode> readBack(String routerId, Instant from, Instant to) {
        HttpJson.Reply reply = http.get("/v1/archive/results", HttpJson.params("router_id", routerId, "from", from.toString(),
                "to", to.toString()));
        if (reply.status() != 200) {
            throw new HttpJson.UnexpectedReply("GET /v1/archive/results answered " + reply.status() + ": " + reply.body());
        }
        List<JsonNode> rows = new ArrayList<>();
        reply.body().lines().filter(line -> !line.isBlank()).forEach(line -> rows.add(Json.tree(line)));
        return rows;
    }
}
