package io.fleetpulse.query.service;

import java.util.List;

import io.fleetpulse.model.entity.RouterProfile;

/**
 * Profiles of many routers, in the order asked: those found, the ids that have no profile, and the ids
 * DynamoDB still left unprocessed after every retry (normally empty; ask for them again later).
 */
public record BatchProfiles(List<RouterProfile> profiles, List<String> missing, List<String> unprocessed) {
}
