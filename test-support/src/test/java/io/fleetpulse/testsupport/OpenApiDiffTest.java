package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

class OpenApiDiffTest {

    private static final String COMMITTED = """
            openapi: 3.1.0
            servers:
            - url: http://localhost:8081
            info:
              title: Fleetpulse ingest-service
              version: "1"
            paths:
              /v1/results:
                post:
                  security:
                  - bearer:
                    - results:write
                  responses:
                    "429":
                      description: Saturated
            """;

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void membersInAnotherOrderAndOtherServersAreTheSameDocument() throws Exception {
        JsonNode running = json("""
                {"info": {"version": "1", "title": "Fleetpulse ingest-service"}, "openapi": "3.1.0",
                 "paths": {"/v1/results": {"post": {"responses": {"429": {"description": "Saturated"}},
                   "security": [{"bearer": ["results:write"]}]}}},
                 "servers": [{"url": "http://localhost:41234"}]}""");
        assertThat(OpenApiDiff.differences(yaml(COMMITTED), running)).isEmpty();
    }

    @Test
    void eachDifferenceIsNamedByItsPointer() throws Exception {
        JsonNode running = json("""
                {"openapi": "3.1.0", "info": {"title": "Fleetpulse ingest-service", "version": "2"},
                 "paths": {"/v1/results": {"post": {"responses": {"429": {"description": "Saturated"},
                   "503": {"description": "Store unavailable"}}, "security": [{"bearer": ["admin", "results:write"]}]}}}}""");
        assertThat(OpenApiDiff.differences(yaml(COMMITTED), running)).containsExactly(
                "/info/version: committed \"1\", running \"2\"",
                "/paths/~1v1~1results/post/responses/503 only in the running service's document",
                "/paths/~1v1~1results/post/security/0/bearer: committed [\"results:write\"], running [\"admin\",\"results:write\"]");
    }

    @Test
    void theOrderOfAnArrayCounts() throws Exception {
        JsonNode committed = json("{\"required\": [\"router_id\", \"timestamp\"]}");
        JsonNode running = json("{\"required\": [\"timestamp\", \"router_id\"]}");
        assertThat(OpenApiDiff.differences(committed, running))
                .containsExactly("/required/0: committed \"router_id\", running \"timestamp\"",
                        "/required/1: committed \"timestamp\", running \"router_id\"");
    }
}
