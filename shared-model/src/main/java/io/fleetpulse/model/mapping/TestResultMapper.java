package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.longValue;
import static io.fleetpulse.model.mapping.AttributeValues.requiredString;
import static io.fleetpulse.model.mapping.AttributeValues.s;
import static io.fleetpulse.model.mapping.AttributeValues.string;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.RawBlobRef;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Test result items (and the per-type latest copies) to and from attribute maps. */
public final class TestResultMapper {

    public static final String ROUTER_ID = "router_id";
    public static final String TEST_ID = "test_id";
    public static final String TEST_TYPE = "test_type";
    public static final String TIMESTAMP = "timestamp";
    public static final String STATUS = "status";
    public static final String RESULT = "result";
    public static final String LOCATION = "location";
    public static final String ISP = "isp";
    public static final String RAW = "raw";
    public static final String RAW_REF = "raw_ref";
    /**
     * On LATEST# items: {@code <time key>#<test_id>}, fixed-width, so "newer result" is a string
     * comparison in a condition expression (the ISO {@code timestamp} text is not fixed-width).
     */
    public static final String LATEST_ORDER = "latest_order";

    private final Sharding sharding;

    public TestResultMapper(Sharding sharding) {
        this.sharding = sharding;
    }

    public Sharding sharding() {
        return sharding;
    }

    /** The stored result item, with every index key it belongs to. GSI2 keys only when the test failed. */
    public Map<String, AttributeValue> toItem(TestResult result) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(Attr.PK, s(Keys.routerPk(result.routerId())));
        item.put(Attr.SK, s(Keys.resultSk(result.timestamp(), result.testId())));
        item.put(Attr.ENTITY, s(EntityType.TEST_RESULT.stored()));
        item.put(Attr.GSI1PK, s(Keys.gsi1Pk(result.location(), result.isp(), sharding.shardOf(result.routerId()))));
        item.put(Attr.GSI1SK, s(Keys.gsi1Sk(result.timestamp(), result.routerId(), result.testId())));
        if (result.failed()) {
            item.put(Attr.GSI2PK, s(Keys.gsi2Pk(result.location())));
            item.put(Attr.GSI2SK, s(Keys.gsi2Sk(result.timestamp(), result.routerId(), result.testId())));
        }
        item.put(Attr.GSI3PK, s(Keys.gsi3Pk(result.routerId(), result.testType())));
        item.put(Attr.GSI3SK, s(Keys.gsi3Sk(result.timestamp(), result.testId())));
        putData(item, result);
        return item;
    }

    /** The router's "latest result of this type" item: same data, no index keys. */
    public Map<String, AttributeValue> toLatestItem(TestResult result) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(Attr.PK, s(Keys.routerPk(result.routerId())));
        item.put(Attr.SK, s(Keys.latestSk(result.testType())));
        item.put(Attr.ENTITY, s(EntityType.LATEST_RESULT.stored()));
        putData(item, result);
        item.put(LATEST_ORDER, s(latestOrder(result)));
        return item;
    }

    /** Order of results for the LATEST# item: newer timestamp wins, then the greater test id. */
    public static String latestOrder(TestResult result) {
        return io.fleetpulse.model.keys.TimeKey.format(result.timestamp()) + Keys.SEP + result.testId();
    }

    /** The key of a router's LATEST#&lt;test_type&gt; item. */
    public static Map<String, AttributeValue> latestKey(String routerId, String testType) {
        return Map.of(Attr.PK, s(Keys.routerPk(routerId)), Attr.SK, s(Keys.latestSk(testType)));
    }

    public static Map<String, AttributeValue> key(TestResult result) {
        return key(result.routerId(), result.timestamp(), result.testId());
    }

    /** The base-table key of one result (AP15). */
    public static Map<String, AttributeValue> key(String routerId, Instant timestamp, String testId) {
        return Map.of(
                Attr.PK, s(Keys.routerPk(routerId)),
                Attr.SK, s(Keys.resultSk(timestamp, testId)));
    }

    private static void putData(Map<String, AttributeValue> item, TestResult result) {
        item.put(ROUTER_ID, s(result.routerId()));
        item.put(TEST_ID, s(result.testId()));
        item.put(TEST_TYPE, s(result.testType()));
        item.put(TIMESTAMP, s(result.timestamp().toString()));
        item.put(STATUS, s(result.status().wire()));
        item.put(RESULT, AttributeValue.fromM(AttributeValues.fromMap(result.result() == null ? Map.of() : result.result())));
        item.put(LOCATION, s(result.location()));
        item.put(ISP, s(result.isp()));
        if (result.raw() != null) {
            item.put(RAW, s(result.raw()));
        }
        if (result.rawRef() != null) {
            RawBlobRef ref = result.rawRef();
            Map<String, AttributeValue> refItem = new LinkedHashMap<>();
            refItem.put("bucket", s(ref.bucket()));
            refItem.put("key", s(ref.key()));
            refItem.put("size", AttributeValues.n(ref.size()));
            refItem.put("sha256", s(ref.sha256()));
            item.put(RAW_REF, AttributeValue.fromM(refItem));
        }
        if (result.expiresAt() != null) {
            item.put(Attr.EXPIRES_AT, AttributeValues.n(result.expiresAt()));
        }
    }

    /** Reads a result or latest-result item back. */
    public static TestResult fromItem(Map<String, AttributeValue> item) {
        RawBlobRef rawRef = null;
        AttributeValue refValue = item.get(RAW_REF);
        if (refValue != null && refValue.hasM()) {
            Map<String, AttributeValue> ref = refValue.m();
            rawRef = new RawBlobRef(string(ref, "bucket"), string(ref, "key"), longValue(ref, "size"), string(ref, "sha256"));
        }
        AttributeValue resultValue = item.get(RESULT);
        Map<String, Object> measurements = resultValue == null || !resultValue.hasM() ? Map.of() : AttributeValues.toMap(resultValue.m());
        return new TestResult(
                requiredString(item, ROUTER_ID),
                requiredString(item, TEST_ID),
                requiredString(item, TEST_TYPE),
                AttributeValues.instant(item, TIMESTAMP),
                TestStatus.fromWire(string(item, STATUS)),
                measurements,
                string(item, LOCATION),
                string(item, ISP),
                string(item, RAW),
                rawRef,
                longValue(item, Attr.EXPIRES_AT));
    }
}
