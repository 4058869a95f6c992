package io.fleetpulse.model.access;

import static io.fleetpulse.model.access.Operation.BATCH_GET_ITEM;
import static io.fleetpulse.model.access.Operation.BATCH_WRITE_ITEM;
import static io.fleetpulse.model.access.Operation.GET_ITEM;
import static io.fleetpulse.model.access.Operation.PUT_ITEM;
import static io.fleetpulse.model.access.Operation.QUERY;
import static io.fleetpulse.model.access.Operation.TRANSACT_WRITE_ITEMS;
import static io.fleetpulse.model.access.Operation.UPDATE_ITEM;

import io.fleetpulse.model.table.TableIndex;

/**
 * Every way the services touch the table. A request path may only issue the operations named here;
 * docs/data-model.md's access-pattern table is generated from this catalogue and checked against it by a test.
 */
public enum AccessPattern {
    AP1("Router profile", "ingest, query", TableIndex.BASE, GET_ITEM,
            "PK = ROUTER#<router_id>, SK = PROFILE#"),
    AP2("Router overview: profile and the latest result of each test type", "query", TableIndex.BASE, QUERY,
            "PK = ROUTER#<router_id>, SK BETWEEN LATEST# AND PROFILE#"),
    AP3("One router's results in a time range", "query", TableIndex.BASE, QUERY,
            "PK = ROUTER#<router_id>, SK BETWEEN TEST#<from> AND TEST#<to>"),
    AP4("One router's results of one test type in a time range", "query", TableIndex.GSI3, QUERY,
            "GSI3PK = ROUTER#<router_id>#TYPE#<test_type>, GSI3SK BETWEEN <from> AND <to>"),
    AP5("Latest result of one test type of a router", "query", TableIndex.GSI3, QUERY,
            "GSI3PK = ROUTER#<router_id>#TYPE#<test_type>, newest first, Limit 1"),
    AP6("A router's hourly or daily aggregates", "query", TableIndex.BASE, QUERY,
            "PK = ROUTER#<router_id>, SK BETWEEN AGG#HOUR#<from> AND AGG#HOUR#<to>; a day is its hours summed, "
                    + "plus (a second Query) SK BETWEEN AGG#ROLLUP#DAY#<from> AND AGG#ROLLUP#DAY#<to>: its hours that TTL removed"),
    AP7("Fleet results of a location and ISP in a time range", "query, archiver", TableIndex.GSI1, QUERY,
            "GSI1PK = LOC#<location>#ISP#<isp>#SHARD#<nn> for each shard, GSI1SK BETWEEN <from> AND <to>; merged by time"),
    AP8("Failed tests of a location in a time range", "query", TableIndex.GSI2, QUERY,
            "GSI2PK = FAILED#LOC#<location>, GSI2SK BETWEEN <from> AND <to> (sparse: failed results only)"),
    AP9("Hourly or daily aggregates of a location and ISP", "query", TableIndex.BASE, QUERY,
            "PK = FLEET#<location>#<isp>[#SLOT#<n>] for each of the 8 write slots, SK BETWEEN AGG#<PERIOD>#<from> AND "
                    + "AGG#<PERIOD>#<to>; a bucket's slots summed"),
    AP10("Profiles of many routers", "query", TableIndex.BASE, BATCH_GET_ITEM,
            "up to 100 keys PK = ROUTER#<router_id>, SK = PROFILE#"),
    AP11("Store test results", "ingest", TableIndex.BASE, BATCH_WRITE_ITEM,
            "PutRequest PK = ROUTER#<router_id>, SK = TEST#<time>#<test_id>, 25 per request"),
    AP12("Create or update a router profile", "ingest", TableIndex.BASE, PUT_ITEM,
            "PK = ROUTER#<router_id>, SK = PROFILE#"),
    AP14("Known location and ISP pairs (to find results to archive; the dashboard's fleet overview)", "query, archiver",
            TableIndex.BASE, QUERY,
            "PK = REGISTRY#LOCATIONS, SK begins_with LOC#"),
    AP15("One test result by its key (the Location of an ingested result)", "query, ingest", TableIndex.BASE, GET_ITEM,
            "PK = ROUTER#<router_id>, SK = TEST#<time>#<test_id>"),
    AP16("Register a location and ISP pair seen on the stream", "archiver", TableIndex.BASE, PUT_ITEM,
            "PK = REGISTRY#LOCATIONS, SK = LOC#<location>#ISP#<isp> (idempotent, cached per process)"),
    AP17("Current aggregates and latest results of a stream batch, read before their conditional update", "archiver",
            TableIndex.BASE, BATCH_GET_ITEM, "up to 100 keys PK = ROUTER#<router_id> or FLEET#<location>#<isp>[#SLOT#<n>], "
                    + "SK = AGG#<PERIOD>#<bucket>, AGG#ROLLUP#DAY#<day> or LATEST#<test_type>, consistent read"),
    AP18("Create an archive run, or save its status, counts, resume position and pending page", "archiver", TableIndex.BASE,
            PUT_ITEM, "PK = ARCHIVE_RUN#<run_id>, SK = RUN#; create: condition attribute_not_exists(PK); "
                    + "save: condition owner = <this replica>"),
    AP19("One archive run by id", "archiver", TableIndex.BASE, GET_ITEM,
            "PK = ARCHIVE_RUN#<run_id>, SK = RUN#"),
    AP20("Replace the results an archive run has exported by their tombstones", "archiver", TableIndex.BASE, BATCH_WRITE_ITEM,
            "PutRequest PK = ROUTER#<router_id>, SK = TEST#<time>#<test_id> (entity ArchivedResult, no index keys), 25 per request"),
    AP21("Store one test result under a client-given key unless the key is taken (single POST; batch items with a"
            + " test_id when ingest writes them by conditional put)", "ingest", TableIndex.BASE, PUT_ITEM,
            "PK = ROUTER#<router_id>, SK = TEST#<time>#<test_id>, condition attribute_not_exists(PK), ALL_OLD on failure"),
    AP22("Apply a segment of a stream shard's records to aggregates and latest results, with the shard's ledger", "archiver",
            TableIndex.BASE, TRANSACT_WRITE_ITEMS, "up to 99 items PK = ROUTER#<router_id> or FLEET#<location>#<isp>[#SLOT#<n>] (the shard's slot), "
                    + "SK = AGG#<PERIOD>#<bucket> or AGG#ROLLUP#DAY#<day> (a router hour's TTL expiry; conditional on its version) "
                    + "or LATEST#<test_type> (conditional on being newer), "
                    + "and PK = STREAM_SHARD#<shard_id>, SK = APPLIED# (conditional on the version it was read with); archiver-lambda: "
                    + "instead one PK = STREAM_RECORD#<origin>#<seq>, SK = APPLIED# per record (condition attribute_not_exists(PK))"),
    AP23("Which of a stream shard's records are in the aggregates", "archiver", TableIndex.BASE, GET_ITEM,
            "PK = STREAM_SHARD#<shard_id>, SK = APPLIED#, consistent read"),
    AP24("Take over an archive run: become its owner and read its resume position", "archiver", TableIndex.BASE, UPDATE_ITEM,
            "PK = ARCHIVE_RUN#<run_id>, SK = RUN#, SET owner, condition attribute_exists(PK), ReturnValues ALL_NEW"),
    AP25("Take, renew or release the archive-run lock", "archiver", TableIndex.BASE, UPDATE_ITEM,
            "PK = ARCHIVE_RUN_LOCK, SK = LOCK#; take for a new run: condition attribute_not_exists(run_id); take over: "
                    + "run_id = <run> AND lease_until < <now>; renew, release: run_id = <run> AND owner = <this replica>"),
    AP26("Which archive run holds the lock, by which replica, until when", "archiver", TableIndex.BASE, GET_ITEM,
            "PK = ARCHIVE_RUN_LOCK, SK = LOCK#, consistent read"),
    AP27("How far a stream shard's expired results are archived, and the flush under way", "archiver", TableIndex.BASE,
            GET_ITEM, "PK = STREAM_SHARD#<shard_id>, SK = ARCHIVED#, consistent read"),
    AP28("Begin or complete a shard's archive flush", "archiver", TableIndex.BASE, UPDATE_ITEM,
            "PK = STREAM_SHARD#<shard_id>, SK = ARCHIVED#, condition on the archived position and flush it was read with"),
    AP29("Store a chunk of batch items with a test_id, each unless its key is taken, in one transaction (ingest's"
            + " default write mode)", "ingest", TableIndex.BASE, TRANSACT_WRITE_ITEMS,
            "up to 25 Puts PK = ROUTER#<router_id>, SK = TEST#<time>#<test_id>, each condition attribute_not_exists(PK),"
                    + " ALL_OLD on failure"),
    AP30("Put back the tombstone of an archived result that a re-send under its derived key wrote over", "archiver",
            TableIndex.BASE, PUT_ITEM, "PK = ROUTER#<router_id>, SK = TEST#<time>#<test_id>, condition entity = TestResult"),
    AP31("Record the capacity a service replica consumed in one minute, per access pattern and index",
            "ingest, query, archiver", TableIndex.BASE, PUT_ITEM, "PK = CAPACITY#<day>, SK = <minute>#<service>#<replica>"),
    AP32("Consumed capacity of every service replica over a window (the capacity and cost report)", "query",
            TableIndex.BASE, QUERY, "PK = CAPACITY#<day>, SK BETWEEN <from minute> AND <to minute>"),
    AP33("Which of a segment's stream records are in the aggregates, after its transaction was cancelled on their markers"
            + " (archiver-lambda)", "archiver", TableIndex.BASE, BATCH_GET_ITEM,
            "up to 100 keys PK = STREAM_RECORD#<origin>#<seq>, SK = APPLIED#, consistent read");

    private final String answers;
    private final String usedBy;
    private final TableIndex index;
    private final Operation operation;
    private final String keyCondition;

    AccessPattern(String answers, String usedBy, TableIndex index, Operation operation, String keyCondition) {
        this.answers = answers;
        this.usedBy = usedBy;
        this.index = index;
        this.operation = operation;
        this.keyCondition = keyCondition;
    }

    public String answers() {
        return answers;
    }

    public String usedBy() {
        return usedBy;
    }

    public TableIndex index() {
        return index;
    }

    public Operation operation() {
        return operation;
    }

    public String keyCondition() {
        return keyCondition;
    }

    /** The access-pattern table of docs/data-model.md, in Markdown. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| id | answers | index | operation | key condition | used by |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (AccessPattern pattern : values()) {
            table.append("| ").append(pattern.name())
                    .append(" | ").append(pattern.answers)
                    .append(" | ").append(pattern.index.isGlobalSecondary() ? pattern.index.indexName() : "table")
                    .append(" | ").append(pattern.operation.name())
                    .append(" | `").append(pattern.keyCondition).append('`')
                    .append(" | ").append(pattern.usedBy)
                    .append(" |\n");
        }
        return table.toString();
    }
}
