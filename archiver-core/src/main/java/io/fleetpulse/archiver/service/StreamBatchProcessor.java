package io.fleetpulse.archiver.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.FleetSlots;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The processing core: a batch of stream records in, the effects it asks for out. No KCL, no I/O.
 *
 * <ul>
 * <li>INSERT of a TestResult: counts in four aggregates (router hour/day, location+ISP hour/day), is a
 * candidate for the router's LATEST#&lt;test_type&gt; item, registers its location+ISP pair, and becomes a Kafka
 * result event.</li>
 * <li>MODIFY of a TestResult: nothing. A result is identified by its test id; a re-sent identical result
 * arrives as MODIFY and must not count twice. (A re-send with different content is not counted either.)</li>
 * <li>REMOVE by TTL expiry: an archive row. REMOVE by a user: nothing.</li>
 * <li>REMOVE of a router's hourly aggregate by TTL expiry (400 days on): its counts roll up into the router's day
 * roll-up item, so the router's history by day outlives its hours.</li>
 * <li>MODIFY of a result into its tombstone (an archive run, which exported it first): nothing; the tombstone's TTL
 * expiry: nothing. MODIFY of a tombstone back into a result (a re-send under a derived key): not counted, and the
 * tombstone is put back.</li>
 * <li>Anything unreadable: a dead letter.</li>
 * </ul>
 */
public final class StreamBatchProcessor {

    private StreamBatchProcessor() {
    }

    public static BatchPlan plan(List<StreamRecord> records, Instant now) {
        List<TestResult> inserts = new ArrayList<>();
        Map<AggregateKey, List<Contribution>> contributions = new LinkedHashMap<>();
        Set<FleetLocation> locations = new LinkedHashSet<>();
        List<ArchiveRow> archiveRows = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<Map<String, AttributeValue>> tombstones = new ArrayList<>();
        EnumMap<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        Duration maxLag = null;

        for (StreamRecord record : records) {
            ClassifiedRecord classified = RecordClassifier.classify(record);
            counts.merge(classified.kind(), 1, Integer::sum);
            if (record.approximateCreation() != null) {
                Duration lag = Duration.between(record.approximateCreation(), now);
                if (lag.isNegative()) {
                    lag = Duration.ZERO;
                }
                maxLag = maxLag == null || lag.compareTo(maxLag) > 0 ? lag : maxLag;
            }
            TestResult result = classified.result();
            switch (classified.kind()) {
                case RESULT_INSERT -> {
                    inserts.add(result);
                    Contribution contribution = Contribution.of(record, result);
                    for (AggregateKey key : AggregateKey.stored(result, FleetSlots.of(record.shardId()))) {
                        contributions.computeIfAbsent(key, k -> new ArrayList<>()).add(contribution);
                    }
                    locations.add(new FleetLocation(result.location(), result.isp()));
                }
                case RESULT_EXPIRED -> archiveRows.add(ArchiveRow.expired(record, result));
                case ROUTER_HOUR_EXPIRED -> contributions.computeIfAbsent(AggregateKey.routerDayRollup(classified.expiredHour()),
                        k -> new ArrayList<>()).add(Contribution.ofExpiredHour(record, classified.expiredHour()));
                case POISON -> deadLetters.add(DeadLetter.of(classified, now));
                case RESULT_RESENT -> tombstones.add(record.oldImage());
                case RESULT_MODIFY, RESULT_DELETED, RESULT_ARCHIVED, OTHER -> {
                    // nothing to do: see the class comment
                }
            }
        }
        return new BatchPlan(inserts, contributions, locations, archiveRows, deadLetters, tombstones, counts, maxLag);
    }
}
