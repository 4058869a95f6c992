package io.fleetpulse.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The tombstone of an archived result: same key, no index key, the result's TTL, and the digest of its content. */
class ArchivedResultMapperTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final TestResultMapper results = new TestResultMapper(new Sharding(8));

    @Test
    void aTombstoneKeepsTheKeyAndTtlOfItsResultAndIsInNoIndex() {
        Map<String, AttributeValue> result = results.toItem(result("12.5"));
        ArchiveRunIntent.ResultKey key = ArchivedResultMapper.keyOf(result);
        Map<String, AttributeValue> tombstone = ArchivedResultMapper.toItem(key, "run-1", AT.plusSeconds(60));

        assertThat(tombstone.get(Attr.PK)).isEqualTo(result.get(Attr.PK));
        assertThat(tombstone.get(Attr.SK)).isEqualTo(result.get(Attr.SK));
        assertThat(tombstone.get(Attr.EXPIRES_AT).n()).isEqualTo(result.get(Attr.EXPIRES_AT).n());
        assertThat(tombstone.get(Attr.ENTITY).s()).isEqualTo("ArchivedResult");
        assertThat(tombstone.get(ArchivedResultMapper.ARCHIVED_AT).s()).isEqualTo("2026-03-01T10:01:00Z");
        assertThat(tombstone.get(ArchivedResultMapper.RUN_ID).s()).isEqualTo("run-1");
        assertThat(tombstone.keySet()).doesNotContain(Attr.GSI1PK, Attr.GSI1SK, Attr.GSI2PK, Attr.GSI2SK, Attr.GSI3PK, Attr.GSI3SK);
        assertThat(ArchivedResultMapper.isTombstone(tombstone)).isTrue();
        assertThat(ArchivedResultMapper.isTombstone(result)).isFalse();
    }

    @Test
    void aTombstoneStandsForItsResultsContentOnly() {
        Map<String, AttributeValue> result = results.toItem(result("12.5"));
        Map<String, AttributeValue> tombstone = ArchivedResultMapper.toItem(ArchivedResultMapper.keyOf(result), "run-1", AT);

        Map<String, AttributeValue> respelled = new HashMap<>(result);
        respelled.put(TestResultMapper.RESULT, AttributeValue.fromM(Map.of("latency_ms", AttributeValues.n(new BigDecimal("12.50")))));
        assertThat(ArchivedResultMapper.standsFor(tombstone, result)).isTrue();
        assertThat(ArchivedResultMapper.standsFor(tombstone, respelled)).as("numbers by value").isTrue();
        assertThat(ArchivedResultMapper.standsFor(tombstone, results.toItem(result("13")))).isFalse();

        Map<String, AttributeValue> withoutDigest = ArchivedResultMapper.toItem(
                new ArchiveRunIntent.ResultKey("ROUTER#r1", "TEST#x#t1", null, null), "run-0", AT);
        assertThat(withoutDigest).doesNotContainKeys(Attr.EXPIRES_AT, ArchivedResultMapper.CONTENT_SHA256);
        assertThat(ArchivedResultMapper.standsFor(withoutDigest, result)).isTrue();
    }

    private static TestResult result(String latency) {
        return new TestResult("r1", "t1", "latency", AT, TestStatus.OK, Map.of("latency_ms", new BigDecimal(latency)), "paris", "isp-a",
                null, null, AT.plusSeconds(90L * 86_400).getEpochSecond());
    }
}
