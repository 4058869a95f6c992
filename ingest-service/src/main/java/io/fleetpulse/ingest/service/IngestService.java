package io.fleetpulse.ingest.service;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.ingest.store.BatchWriter;
import io.fleetpulse.ingest.store.RawBlobStore;
import io.fleetpulse.ingest.store.ResultStore;
import io.fleetpulse.model.entity.RawBlobRef;
import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.validation.ItemSize;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.model.validation.Violation;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ingest use cases: one result (conditional put: 201 new, 200 identical, 409 different content under
 * the same key) and batches of any length (validated one by one, duplicates merged, written in chunks
 * of 25 with bounded parallelism, every item reported accepted only once DynamoDB has it).
 *
 * <p>Admission control (bulkheads, the batch rate limit) is {@link Admission}'s, taken before a body is read.
 */
@ApplicationScoped
public class IngestService {

    public static final String RAW_CONTENT_TYPE = "text/plain; charset=utf-8";

    private final Clock clock;
    private final TestResultMapper mapper;
    private final ResultStore results;
    private final RawBlobStore blobs;
    private final BatchWriter writer;
    private final HotKeys hotKeys;
    private final IngestMetrics metrics;
    private final IngestConfig.Ingest settings;
    private final Duration retention;
    private final long offloadThreshold;

    public IngestService(Clock clock, FleetpulseConfig shared, IngestConfig config, ResultStore results, RawBlobStore blobs, BatchWriter writer,
            HotKeys hotKeys, IngestMetrics metrics) {
        this.clock = clock;
        this.mapper = new TestResultMapper(new Sharding(shared.fleetShards()));
        this.results = results;
        this.blobs = blobs;
        this.writer = writer;
        this.hotKeys = hotKeys;
        this.metrics = metrics;
        this.settings = config.ingest();
        this.retention = settings.retention();
        this.offloadThreshold = Math.min(settings.raw().offloadThreshold().asLongValue(), ItemSize.MAX_ITEM_BYTES);
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Validates a result and turns it into its table item: test_id derived from the content when absent,
     * {@code expires_at = timestamp + retention}, and the raw payload moved to S3 when the inline item
     * would exceed the offload threshold. Nothing is written to the table here (only the raw object).
     */
    public Prepared prepare(TestResult input) {
        List<Violation> problems = new ArrayList<>(Validation.testResult(input, clock.instant(), retention));
        if (input.expiresAt() != null) {
            problems.add(Violation.invalid("/expires_at", "is set by the service (timestamp + retention)"));
        }
        if (input.rawRef() != null) {
            problems.add(Violation.invalid("/raw_ref", "is set by the service when raw is offloaded to S3"));
        }
        boolean derivedForm = TestIds.isDerivedForm(input.testId());
        if (problems.isEmpty() && derivedForm && !input.testId().equals(TestIds.derive(input))) {
            problems.add(Violation.invalid("/test_id", "has the form of an id derived from content (c: and 32 hex digits)"
                    + " but is not the one derived from this result's content; leave test_id out, or choose another"));
        }
        if (!problems.isEmpty()) {
            return new Prepared.Rejected(reasonOf(problems), List.copyOf(problems));
        }
        // a derived key only ever holds one content, so it needs no condition; a client-given key does
        boolean clientTestId = input.testId() != null && !derivedForm;
        String testId = input.testId() != null ? input.testId() : TestIds.derive(input);
        long expiresAt = input.timestamp().plus(retention).getEpochSecond();
        TestResult result = input.withTestId(testId).withExpiresAt(expiresAt);
        Map<String, AttributeValue> item = mapper.toItem(result);
        long size = ItemSize.of(item);
        if (result.raw() != null && size > offloadThreshold) {
            return offload(result, clientTestId);
        }
        return ready(result, item, size, clientTestId);
    }

    /**
     * Puts the raw payload into S3 under its content address ({@link RawObjectKeys}) and keeps its reference in the
     * item. The object is written on every offloaded write, even when it exists (the same bytes): its age then
     * counts from the latest result that refers to it, which is what the bucket's lifecycle rule on {@code raw/}
     * expires by, after the retention (objects of results that were never stored expire the same way).
     */
    private Prepared offload(TestResult result, boolean clientTestId) {
        byte[] content = result.raw().getBytes(StandardCharsets.UTF_8);
        String sha256 = Sha256.hex(content);
        String key = RawObjectKeys.of(result.routerId(), sha256);
        TestResult offloaded = result.withRawOffloaded(new RawBlobRef(blobs.bucket(), key, content.length, sha256));
        Map<String, AttributeValue> item = mapper.toItem(offloaded);
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            return ready(offloaded, item, size, clientTestId); // too large even without raw: nothing goes to S3
        }
        blobs.put(key, content, sha256, RAW_CONTENT_TYPE);
        return ready(offloaded, item, size, clientTestId);
    }

    /**
     * The item is stored as is when DynamoDB takes it. Its size is known already; the key-length rules of
     * {@link Validation#storedItem} cannot fail for validated ids (at most 64 characters each), so the full
     * check (which sizes the item again) runs only for an item over the size limit, to report it.
     */
    private Prepared ready(TestResult result, Map<String, AttributeValue> item, long size, boolean clientTestId) {
        if (size > ItemSize.MAX_ITEM_BYTES) {
            List<Violation> tooLarge = Validation.storedItem(item);
            return new Prepared.Rejected(RejectReason.TOO_LARGE, tooLarge.isEmpty()
                    ? List.of(Violation.tooLarge("", "the stored item would be " + size + " bytes; DynamoDB allows "
                            + ItemSize.MAX_ITEM_BYTES)) : tooLarge);
        }
        return new Prepared.Ready(result, item, item.get(Attr.PK).s(), item.get(Attr.SK).s(), size, clientTestId);
    }

    /** One result: written unless its key exists (AP11 conditional put); identical content is not written again. */
    public SingleOutcome ingestOne(TestResult input) {
        Prepared prepared = prepare(input);
        if (prepared instanceof Prepared.Rejected rejected) {
            metrics.rejected(rejected.reason());
            return SingleOutcome.rejected(rejected);
        }
        Prepared.Ready ready = (Prepared.Ready) prepared;
        ResultStore.PutOutcome put = results.putIfAbsent(ready.item());
        if (put.created()) {
            hotKeys.record(ready.pk());
            metrics.stored(1);
            return SingleOutcome.stored(SingleOutcome.Kind.CREATED, ready);
        }
        Map<String, AttributeValue> existing = put.existing() != null ? put.existing()
                : results.get(TestResultMapper.key(ready.stored())).orElse(null);
        if (existing == null) {
            // Gone between the two calls (TTL or archive): write again, once.
            put = results.putIfAbsent(ready.item());
            if (put.created()) {
                hotKeys.record(ready.pk());
                metrics.stored(1);
                return SingleOutcome.stored(SingleOutcome.Kind.CREATED, ready);
            }
            existing = put.existing() != null ? put.existing() : Map.of();
        }
        if (ItemEquality.stored(existing, ready.item())) {
            metrics.duplicate(1);
            return SingleOutcome.stored(SingleOutcome.Kind.IDENTICAL, ready);
        }
        metrics.rejected(RejectReason.CONFLICT);
        return new SingleOutcome(SingleOutcome.Kind.CONFLICT, ready.stored(), ready.pk(), ready.sk(), RejectReason.CONFLICT,
                List.of(storedConflict(ready.stored())));
    }

    /** The problem of a result whose key holds a different stored result. */
    static Violation storedConflict(TestResult result) {
        return Violation.invalid("/test_id", "a different result is already stored under router_id " + result.routerId()
                + ", timestamp " + result.timestamp() + " and test_id " + result.testId());
    }

    /**
     * A batch of any length, read item by item from {@code source}: each is validated on its own,
     * duplicates within the request are merged, valid items are written in chunks with bounded
     * parallelism (the reader waits while all chunk slots are busy, so memory stays bounded).
     */
    public BatchReport ingestBatch(String format, BatchSource source) throws IOException {
        BatchSession session = new BatchSession(this, writer, hotKeys, metrics, settings);
        try {
            BatchEntry entry;
            while ((entry = source.next()) != null) {
                session.add(entry);
            }
        } finally {
            session.drain();
        }
        BatchReport report = session.report();
        metrics.batchSize(format, report.received());
        return report;
    }

    /** The bounds of one NDJSON stream ({@code fleetpulse.ingest.limits.max-stream-items} and {@code max-stream-time}). */
    public StreamBudget streamBudget(BatchSource source) {
        return new StreamBudget(source, settings.limits().maxStreamItems(), settings.limits().maxStreamTime(), clock);
    }

    static RejectReason reasonOf(List<Violation> problems) {
        boolean expired = false;
        boolean tooLarge = false;
        for (Violation problem : problems) {
            switch (problem.kind()) {
                case INVALID -> {
                    return RejectReason.INVALID;
                }
                case EXPIRED -> expired = true;
                case TOO_LARGE -> tooLarge = true;
            }
        }
        return expired ? RejectReason.EXPIRED : tooLarge ? RejectReason.TOO_LARGE : RejectReason.INVALID;
    }
}
