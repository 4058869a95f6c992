package io.fleetpulse.model.access;

/** The DynamoDB operation an access pattern issues. Scan is deliberately absent. */
public enum Operation {
    GET_ITEM,
    QUERY,
    BATCH_GET_ITEM,
    PUT_ITEM,
    UPDATE_ITEM,
    BATCH_WRITE_ITEM,
    DELETE_ITEM,
    TRANSACT_WRITE_ITEMS
}
