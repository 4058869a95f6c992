package io.fleetpulse.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/routers/batch-get}: 1 to 100 router ids. */
public record BatchGetRequest(@JsonProperty("router_ids") List<String> routerIds) {
}
