package io.fleetpulse.query.store;

import java.util.Map;

import io.fleetpulse.model.access.AccessPattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a Query: at most {@code limit} items of {@code range} in sort-key order (descending unless
 * {@code ascending}), continuing after {@code exclusiveStartKey} (null: from the start).
 * {@code hideExpired} drops items whose {@code expires_at} has passed but which TTL has not deleted yet;
 * {@code onlyIsp} (null: every ISP) drops items of another ISP (a filter expression on {@code isp}).
 */
public record PageRequest(
        AccessPattern pattern,
        KeyRange range,
        boolean ascending,
        int limit,
        Map<String, AttributeValue> exclusiveStartKey,
        boolean consistent,
        boolean hideExpired,
        String onlyIsp) {

    public PageRequest(AccessPattern pattern, KeyRange range, boolean ascending, int limit,
            Map<String, AttributeValue> exclusiveStartKey, boolean consistent, boolean hideExpired) {
        this(pattern, range, ascending, limit, exclusiveStartKey, consistent, hideExpired, null);
    }

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (consistent && range.index().isGlobalSecondary()) {
            throw new IllegalArgumentException("global secondary indexes only support eventually consistent reads");
        }
    }

    public PageRequest startingAfter(Map<String, AttributeValue> key, int newLimit) {
        return new PageRequest(pattern, range, ascending, newLimit, key, consistent, hideExpired, onlyIsp);
    }
}
