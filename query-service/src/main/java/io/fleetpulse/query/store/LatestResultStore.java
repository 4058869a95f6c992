package io.fleetpulse.query.store;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The latest result of one test type of a router. Normally AP5 (GSI3, newest first, Limit 1). When the
 * index cannot answer (error, timeout, its circuit open), the honest degraded answer is the router's
 * {@code LATEST#<test_type>} copy that the archiver keeps from the stream, read through the overview
 * Query (AP2) on the base table: the same result, possibly a stream-lag behind. The answer says which
 * source it came from.
 */
@ApplicationScoped
public class LatestResultStore {

    /** Where a latest result came from. */
    public enum Source {
        /** GSI3, AP5. */
        INDEX,
        /** The archiver-maintained LATEST# item, AP2 (degraded answer). */
        LATEST_COPY
    }

    public record Lookup(Optional<Map<String, AttributeValue>> item, Source source) {
    }

    private final TableReader reader;

    public LatestResultStore(TableReader reader) {
        this.reader = reader;
    }

    @Fallback(fallbackMethod = "fromLatestCopy",
            applyOn = { SdkException.class, TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class })
    public Lookup latest(String routerId, String testType) {
        Page page = reader.queryIndex(new PageRequest(AccessPattern.AP5,
                KeyRange.wholePartition(TableIndex.GSI3, Keys.gsi3Pk(routerId, testType)),
                false, 1, null, false, true));
        return new Lookup(page.items().stream().findFirst(), Source.INDEX);
    }

    Lookup fromLatestCopy(String routerId, String testType) {
        Page page = reader.queryTable(new PageRequest(AccessPattern.AP2,
                KeyRange.between(TableIndex.BASE, Keys.routerPk(routerId), Keys.overviewSkLow(), Keys.overviewSkHigh()),
                true, 1000, null, false, true));
        Optional<Map<String, AttributeValue>> latest = page.items().stream()
                .filter(item -> EntityType.LATEST_RESULT.stored().equals(AttributeValues.string(item, Attr.ENTITY)))
                .filter(item -> testType.equals(AttributeValues.string(item, TestResultMapper.TEST_TYPE)))
                .findFirst();
        return new Lookup(latest, Source.LATEST_COPY);
    }
}
