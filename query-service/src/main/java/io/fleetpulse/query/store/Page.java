package io.fleetpulse.query.store;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items read for one {@link PageRequest} and where reading stopped: {@code lastEvaluatedKey} is null when
 * the range is exhausted, else the key to continue after (it may lie past the last returned item when
 * expired items were filtered out behind it).
 */
public record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {

    public boolean exhausted() {
        return lastEvaluatedKey == null;
    }
}
