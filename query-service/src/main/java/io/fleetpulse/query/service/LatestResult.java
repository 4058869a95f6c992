package io.fleetpulse.query.service;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.store.LatestResultStore;

/** The latest result of a type and where it came from (the index, or the archiver's copy when degraded). */
public record LatestResult(TestResult result, LatestResultStore.Source source) {
}
