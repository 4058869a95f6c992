package io.fleetpulse.query.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.query.store.KeyRange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A cursor keeps only an index sort key; the rebuilt start key must equal the stored item's key exactly. */
class StartKeysTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");
    private final TestResultMapper mapper = new TestResultMapper(new Sharding(8));
    private final TestResult result = new TestResult("router-7", "test-3", "latency", Instant.parse("2026-03-01T10:00:00.5Z"),
            TestStatus.FAILED, Map.of(), "US-WEST", "isp1", null, null, null);
    private final Map<String, AttributeValue> item = mapper.toItem(result);

    private Map<String, AttributeValue> keyOf(TableIndex index) {
        Map<String, AttributeValue> key = new java.util.HashMap<>();
        for (String name : new String[] { Attr.PK, Attr.SK, index.partitionKey(), index.sortKey() }) {
            key.put(name, item.get(name));
        }
        return key;
    }

    @Test
    void rebuildsTheKeysOfEveryIndex() {
        KeyRange gsi1 = KeyRange.between(TableIndex.GSI1, item.get(Attr.GSI1PK).s(), Keys.timeBound(FROM), Keys.timeBound(TO));
        assertThat(StartKeys.after(gsi1, item.get(Attr.GSI1SK).s(), null)).isEqualTo(keyOf(TableIndex.GSI1));
        KeyRange gsi2 = KeyRange.between(TableIndex.GSI2, Keys.gsi2Pk("US-WEST"), Keys.timeBound(FROM), Keys.timeBound(TO));
        assertThat(StartKeys.after(gsi2, item.get(Attr.GSI2SK).s(), null)).isEqualTo(keyOf(TableIndex.GSI2));
        KeyRange gsi3 = KeyRange.between(TableIndex.GSI3, Keys.gsi3Pk("router-7", "latency"), Keys.timeBound(FROM), Keys.timeBound(TO));
        assertThat(StartKeys.after(gsi3, item.get(Attr.GSI3SK).s(), "router-7")).isEqualTo(keyOf(TableIndex.GSI3));
        KeyRange base = KeyRange.between(TableIndex.BASE, Keys.routerPk("router-7"), Keys.resultSkBound(FROM), Keys.resultSkBound(TO));
        assertThat(StartKeys.after(base, item.get(Attr.SK).s(), "router-7")).isEqualTo(keyOf(TableIndex.BASE));
    }

    @Test
    void thePartitionAlwaysComesFromTheQuery() {
        KeyRange otherRouter = KeyRange.between(TableIndex.BASE, Keys.routerPk("router-8"), Keys.resultSkBound(FROM),
                Keys.resultSkBound(TO));
        assertThat(StartKeys.after(otherRouter, item.get(Attr.SK).s(), "router-8").get(Attr.PK).s()).isEqualTo("ROUTER#router-8");
    }

    @Test
    void rejectsSortKeysOutsideTheRangeOrOfTheWrongShape() {
        KeyRange base = KeyRange.between(TableIndex.BASE, Keys.routerPk("router-7"), Keys.resultSkBound(FROM),
                Keys.resultSkBound(FROM.plusSeconds(60)));
        assertThatThrownBy(() -> StartKeys.after(base, item.get(Attr.SK).s(), "router-7")).isInstanceOf(IllegalArgumentException.class);
        KeyRange gsi1 = KeyRange.between(TableIndex.GSI1, item.get(Attr.GSI1PK).s(), Keys.timeBound(FROM), Keys.timeBound(TO));
        assertThatThrownBy(() -> StartKeys.after(gsi1, Keys.timeBound(FROM.plusSeconds(1)) + "#only-router", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
