package io.fleetpulse.model.entity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON body of {@code POST /v1/results/batch}: up to 1,000 results. ingest-service reads it as a stream, item by
 * item, and names this type as the body's schema in its contract; the Java client sends it.
 */
public record ResultBatch(@JsonProperty(value = "results", required = true) List<TestResult> results) {
}
