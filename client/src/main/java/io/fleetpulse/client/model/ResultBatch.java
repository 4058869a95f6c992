package io.fleetpulse.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.TestResult;

/** The JSON body of {@code POST /v1/results/batch}. */
public record ResultBatch(@JsonProperty("results") List<TestResult> results) {
}
