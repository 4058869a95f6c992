package io.fleetpulse.query.store;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Result of a BatchGetItem with retries: the items found, the keys DynamoDB still reported as unprocessed
 * after the last attempt (normally none), and how many calls it took.
 */
public record BatchGetOutcome(
        List<Map<String, AttributeValue>> items,
        List<Map<String, AttributeValue>> unprocessedKeys,
        int attempts) {
}
