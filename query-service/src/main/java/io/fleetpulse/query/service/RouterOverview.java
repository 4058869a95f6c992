package io.fleetpulse.query.service;

import java.util.Map;

import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;

/** A router's profile and its latest result of each test type, keyed by test type. */
public record RouterOverview(RouterProfile profile, Map<String, TestResult> latest) {
}
