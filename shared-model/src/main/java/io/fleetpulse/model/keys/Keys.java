package io.fleetpulse.model.keys;

import java.time.Instant;

/**
 * The only place a key is spelled. Every key value of the table is built (and taken apart) here.
 *
 * <pre>
 * item                 PK                         SK                              GSI keys
 * test result          ROUTER#&lt;router&gt;            TEST#&lt;time&gt;#&lt;test_id&gt;          GSI1, GSI3, GSI2 when failed
 * router profile       ROUTER#&lt;router&gt;            PROFILE#
 * latest of a type     ROUTER#&lt;router&gt;            LATEST#&lt;test_type&gt;
 * router aggregate     ROUTER#&lt;router&gt;            AGG#HOUR#&lt;yyyy-MM-ddTHH&gt;
 * router day roll-up   ROUTER#&lt;router&gt;            AGG#ROLLUP#DAY#&lt;yyyy-MM-dd&gt;   (the day's hours that TTL removed)
 * fleet aggregate      FLEET#&lt;location&gt;#&lt;isp&gt;[#SLOT#&lt;n&gt;]  AGG#HOUR#... | AGG#DAY#...   (write slots 1-7: {@link FleetSlots})
 * location registry    REGISTRY#LOCATIONS          LOC#&lt;location&gt;#ISP#&lt;isp&gt;
 * archive run          ARCHIVE_RUN#&lt;run_id&gt;       RUN#
 * archive-run lock     ARCHIVE_RUN_LOCK            LOCK#
 *
 * GSI1PK LOC#&lt;location&gt;#ISP#&lt;isp&gt;#SHARD#&lt;nn&gt;   GSI1SK &lt;time&gt;#&lt;router&gt;#&lt;test_id&gt;
 * GSI2PK FAILED#LOC#&lt;location&gt;                  GSI2SK &lt;time&gt;#&lt;router&gt;#&lt;test_id&gt;
 * GSI3PK ROUTER#&lt;router&gt;#TYPE#&lt;test_type&gt;        GSI3SK &lt;time&gt;#&lt;test_id&gt;
 * </pre>
 *
 * Ids never contain {@code #} (see validation), so splitting on it is unambiguous. Time ranges are
 * half-open [from, to): {@code BETWEEN prefix+from AND prefix+to} includes from and excludes to,
 * because a stored key always has a {@code #...} suffix after the time.
 */
public final class Keys {

    public static final String SEP = "#";
    public static final String ROUTER = "ROUTER#";
    public static final String TEST = "TEST#";
    public static final String PROFILE = "PROFILE#";
    public static final String LATEST = "LATEST#";
    public static final String AGG = "AGG#";
    public static final String FLEET = "FLEET#";
    public static final String REGISTRY_LOCATIONS = "REGISTRY#LOCATIONS";
    public static final String LOC = "LOC#";
    public static final String ISP = "#ISP#";
    public static final String SHARD = "#SHARD#";
    public static final String SLOT = "#SLOT#";
    public static final String FAILED = "FAILED#LOC#";
    public static final String TYPE = "#TYPE#";
    public static final String ARCHIVE_RUN = "ARCHIVE_RUN#";
    public static final String RUN = "RUN#";
    public static final String ARCHIVE_RUN_LOCK = "ARCHIVE_RUN_LOCK";
    public static final String LOCK = "LOCK#";
    public static final String STREAM_SHARD = "STREAM_SHARD#";
    public static final String STREAM_RECORD = "STREAM_RECORD#";
    public static final String APPLIED = "APPLIED#";
    public static final String ARCHIVED = "ARCHIVED#";
    public static final String CAPACITY = "CAPACITY#";
    /**
     * A router's day of hourly aggregates that TTL has removed, summed by the archiver as each hour expires. Not
     * {@code AGG#DAY#}: router day items of earlier releases (whole days, written per result) may still be stored there.
     */
    public static final String ROUTER_DAY_ROLLUP = AGG + "ROLLUP#DAY#";

    private Keys() {
    }

    // ---- base table -------------------------------------------------------------------------

    public static String routerPk(String routerId) {
        return ROUTER + routerId;
    }

    public static String routerIdOf(String routerPk) {
        return stripPrefix(routerPk, ROUTER);
    }

    public static String resultSk(Instant timestamp, String testId) {
        return TEST + TimeKey.format(timestamp) + SEP + testId;
    }

    /** The sort-key bound of a result time range: use with BETWEEN (from inclusive, to exclusive). */
    public static String resultSkBound(Instant instant) {
        return TEST + TimeKey.format(instant);
    }

    /** Time and test id of a result sort key. */
    public static ResultSk parseResultSk(String sk) {
        String rest = stripPrefix(sk, TEST);
        if (rest.length() < TimeKey.LENGTH + 2 || rest.charAt(TimeKey.LENGTH) != '#') {
            throw new IllegalArgumentException("not a result sort key: " + sk);
        }
        return new ResultSk(TimeKey.parse(rest.substring(0, TimeKey.LENGTH)), rest.substring(TimeKey.LENGTH + 1));
    }

    public record ResultSk(Instant timestamp, String testId) {
    }

    public static String profileSk() {
        return PROFILE;
    }

    public static String latestSk(String testType) {
        return LATEST + testType;
    }

    /** The router overview is one Query: SK BETWEEN {@link #LATEST} AND {@link #PROFILE}. */
    public static String overviewSkLow() {
        return LATEST;
    }

    public static String overviewSkHigh() {
        return PROFILE;
    }

    public static String aggregateSk(Period period, Instant instant) {
        return AGG + period.name() + SEP + period.label(instant);
    }

    /** The roll-up of a router's expired hours of the day holding {@code instant} ({@link #ROUTER_DAY_ROLLUP}). */
    public static String routerDayRollupSk(Instant instant) {
        return ROUTER_DAY_ROLLUP + Period.DAY.label(instant);
    }

    /** Sort-key bounds of an aggregate range: BETWEEN low AND high, both buckets inclusive. */
    public static String aggregateSkPrefix(Period period) {
        return AGG + period.name() + SEP;
    }

    public static Instant aggregateBucketOf(Period period, String sk) {
        return period.parseLabel(stripPrefix(sk, aggregateSkPrefix(period)));
    }

    public static String fleetPk(String location, String isp) {
        return FLEET + location + SEP + isp;
    }

    /** The partition of one write slot of a pair's aggregates ({@link FleetSlots}); slot 0 is {@link #fleetPk(String, String)}. */
    public static String fleetPk(String location, String isp, int slot) {
        return slot == 0 ? fleetPk(location, isp) : fleetPk(location, isp) + SLOT + slot;
    }

    public static String registryPk() {
        return REGISTRY_LOCATIONS;
    }

    public static String registrySk(String location, String isp) {
        return LOC + location + ISP + isp;
    }

    /** The registry's sort-key prefix: AP14 reads {@code SK begins_with LOC#}. */
    public static String registrySkPrefix() {
        return LOC;
    }

    // ---- archive runs (archiver) --------------------------------------------------------------

    public static String archiveRunPk(String runId) {
        return ARCHIVE_RUN + runId;
    }

    public static String archiveRunSk() {
        return RUN;
    }

    /** The one lock item of archive runs. */
    public static String archiveRunLockPk() {
        return ARCHIVE_RUN_LOCK;
    }

    public static String archiveRunLockSk() {
        return LOCK;
    }

    // ---- stream ledger (archiver): how far each stream shard is applied to the aggregates ---------

    public static String streamLedgerPk(String shardId) {
        return STREAM_SHARD + shardId;
    }

    public static String streamLedgerSk() {
        return APPLIED;
    }

    /** The marker of one applied stream record, for a consumer that is not told the shard (archiver-lambda). */
    public static String streamRecordPk(String origin, String sequenceNumber) {
        return STREAM_RECORD + origin + "#" + sequenceNumber;
    }

    /** The item saying how far a stream shard's TTL expiries are archived. */
    public static String archiveLedgerSk() {
        return ARCHIVED;
    }

    // ---- consumed capacity: one item per service replica and minute, a partition per UTC day --------

    public static String capacityPk(java.time.LocalDate day) {
        return CAPACITY + day;
    }

    /** {@code <minute>#<service>#<replica>}: minutes sort by time, so a window is one BETWEEN per day. */
    public static String capacitySk(Instant minute, String service, String replica) {
        return capacitySkBound(minute) + SEP + service + SEP + replica;
    }

    /** The sort-key bound of a minute: use with BETWEEN (from inclusive; to: the bound of the minute after the last). */
    public static String capacitySkBound(Instant minute) {
        return TimeKey.format(minute.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    // ---- GSI1: fleet view, write-sharded ------------------------------------------------------

    public static String gsi1Pk(String location, String isp, int shard) {
        return LOC + location + ISP + isp + SHARD + String.format("%02d", shard);
    }

    public static String gsi1Sk(Instant timestamp, String routerId, String testId) {
        return TimeKey.format(timestamp) + SEP + routerId + SEP + testId;
    }

    /** The GSI1/GSI2 sort-key bound of a time range (from inclusive, to exclusive with BETWEEN). */
    public static String timeBound(Instant instant) {
        return TimeKey.format(instant);
    }

    /** Time, router and test id of a GSI1 or GSI2 sort key ({@code <time>#<router_id>#<test_id>}). */
    public static FleetSk parseFleetSk(String sk) {
        if (sk == null || sk.length() < TimeKey.LENGTH + 4 || sk.charAt(TimeKey.LENGTH) != '#') {
            throw new IllegalArgumentException("not a fleet index sort key: " + sk);
        }
        String rest = sk.substring(TimeKey.LENGTH + 1);
        int sep = rest.indexOf('#');
        if (sep < 1 || sep == rest.length() - 1 || rest.indexOf('#', sep + 1) >= 0) {
            throw new IllegalArgumentException("not a fleet index sort key: " + sk);
        }
        return new FleetSk(TimeKey.parse(sk.substring(0, TimeKey.LENGTH)), rest.substring(0, sep), rest.substring(sep + 1));
    }

    /** The result a GSI1 or GSI2 entry points to. */
    public record FleetSk(Instant timestamp, String routerId, String testId) {
    }

    // ---- GSI2: sparse failures ----------------------------------------------------------------

    public static String gsi2Pk(String location) {
        return FAILED + location;
    }

    public static String gsi2Sk(Instant timestamp, String routerId, String testId) {
        return gsi1Sk(timestamp, routerId, testId);
    }

    // ---- GSI3: one router's results of one type -----------------------------------------------

    public static String gsi3Pk(String routerId, String testType) {
        return ROUTER + routerId + TYPE + testType;
    }

    public static String gsi3Sk(Instant timestamp, String testId) {
        return TimeKey.format(timestamp) + SEP + testId;
    }

    /** Time and test id of a GSI3 sort key ({@code <time>#<test_id>}). */
    public static TypeSk parseGsi3Sk(String sk) {
        if (sk == null || sk.length() < TimeKey.LENGTH + 2 || sk.charAt(TimeKey.LENGTH) != '#'
                || sk.indexOf('#', TimeKey.LENGTH + 1) >= 0) {
            throw new IllegalArgumentException("not a GSI3 sort key: " + sk);
        }
        return new TypeSk(TimeKey.parse(sk.substring(0, TimeKey.LENGTH)), sk.substring(TimeKey.LENGTH + 1));
    }

    /** The result a GSI3 entry points to (the router is in the partition key). */
    public record TypeSk(Instant timestamp, String testId) {
    }

    private static String stripPrefix(String value, String prefix) {
        if (value == null || !value.startsWith(prefix)) {
            throw new IllegalArgumentException("expected prefix " + prefix + ": " + value);
        }
        return value.substring(prefix.length());
    }
}
