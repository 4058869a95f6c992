package io.fleetpulse.model.table;

import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** The table's global secondary indexes; the base table is {@link #BASE}. */
public enum TableIndex {
    BASE(null, Attr.PK, Attr.SK, ProjectionType.ALL),
    /** Fleet view: location + ISP over time, write-sharded on the partition key. */
    GSI1("GSI1", Attr.GSI1PK, Attr.GSI1SK, ProjectionType.ALL),
    /** Sparse: failed results by location over time. Only failed results carry its keys. */
    GSI2("GSI2", Attr.GSI2PK, Attr.GSI2SK, ProjectionType.ALL),
    /** One router's results of one test type over time (latest per type, type-filtered ranges). */
    GSI3("GSI3", Attr.GSI3PK, Attr.GSI3SK, ProjectionType.ALL);

    private final String indexName;
    private final String partitionKey;
    private final String sortKey;
    private final ProjectionType projection;

    TableIndex(String indexName, String partitionKey, String sortKey, ProjectionType projection) {
        this.indexName = indexName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.projection = projection;
    }

    /** The index name for a Query, or null for the base table. */
    public String indexName() {
        return indexName;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public String sortKey() {
        return sortKey;
    }

    public ProjectionType projection() {
        return projection;
    }

    public boolean isGlobalSecondary() {
        return indexName != null;
    }
}
