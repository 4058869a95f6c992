package io.fleetpulse.ingest.service;

import java.util.List;
import java.util.Map;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.validation.Violation;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A result after validation: ready to store (with its item), or rejected with the problems found. */
public sealed interface Prepared {

    /**
     * {@code stored} has its test_id, expires_at and (when offloaded) raw_ref set; {@code item} is its table item.
     * {@code clientTestId}: the client named the test_id (rather than it being derived from the content).
     */
    record Ready(TestResult stored, Map<String, AttributeValue> item, String pk, String sk, long size, boolean clientTestId)
            implements Prepared {
    }

    record Rejected(RejectReason reason, List<Violation> problems) implements Prepared {
    }
}
