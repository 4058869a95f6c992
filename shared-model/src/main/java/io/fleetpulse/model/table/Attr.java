package io.fleetpulse.model.table;

/** Names of the table's generic key attributes and the attributes every item may carry. */
public final class Attr {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    /** Which entity an item holds; see {@link io.fleetpulse.model.entity.EntityType}. */
    public static final String ENTITY = "entity";
    /** TTL attribute: epoch seconds after which DynamoDB may delete the item. */
    public static final String EXPIRES_AT = "expires_at";

    private Attr() {
    }
}
