package io.fleetpulse.ingest.service;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.kit.config.FleetpulseConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.store.BatchWriter;
import io.fleetpulse.ingest.store.RequestSize;
import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.validation.ItemSize;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The batch write pipeline driven item by item (as the REST layer does), against DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BatchSessionTests {

    @Inject
    IngestService ingest;

    @Inject
    BatchWriter writer;

    @Inject
    HotKeys hotKeys;

    @Inject
    IngestMetrics metrics;

    @Inject
    IngestConfig config;

    @Inject
    FleetpulseConfig shared;

    @Inject
    MeterRegistry registry;

    @Inject
    DynamoDbClient dynamo;

    private BatchSession session() {
        return new BatchSession(ingest, writer, hotKeys, metrics, config.ingest());
    }

    private static TestResult result(String router, Instant timestamp, TestStatus status, String raw) {
        return new TestResult(router, null, "latency", timestamp, status, Map.of("rtt_ms", new BigDecimal("12.5")), "berlin", "acme",
                raw, null, null);
    }

    private long calls(String operation) {
        return registry.find("fleetpulse.ingest.write.latency").tag("operation", operation).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private long batchWriteCalls() {
        return calls("BatchWriteItem");
    }

    @Test
    void fullItemsAreHeldOnlyWhileTheirChunkIsOpenOrInFlightAndDuplicatesAreStillRecognisedAfterwards() {
        String router = Fixtures.routerId("held");
        String raw = "hop 10.0.0.1 1.5 ms\n".repeat(800); // 16 KB inline per item
        int items = 300;
        int bound = BatchSession.heldItemsBound(writer.chunkSize(), config.ingest().write().parallelism());
        assertThat(items).isGreaterThan(2 * bound);
        BatchSession session = session();

        int mostHeld = 0;
        for (int i = 0; i < items; i++) {
            session.add(BatchEntry.parsed(i, "", result(router, Fixtures.recent(i), TestStatus.OK, raw).withTestId("t-" + i)));
            int held = session.heldItems();
            assertThat(held).as("full items held after item %d", i).isLessThanOrEqualTo(bound);
            mostHeld = Math.max(mostHeld, held);
        }
        // long after their chunks were written: an identical copy of item 0, a different item under item 1's key
        session.add(BatchEntry.parsed(items, "", result(router, Fixtures.recent(0), TestStatus.OK, raw).withTestId("t-0")));
        session.add(BatchEntry.parsed(items + 1, "", result(router, Fixtures.recent(1), TestStatus.FAILED, raw).withTestId("t-1")));
        session.drain();

        assertThat(mostHeld).as("the open chunk is counted").isGreaterThanOrEqualTo(writer.chunkSize() - 1);
        assertThat(session.heldItems()).isZero();
        assertThat(session.rememberedKeys()).isEqualTo(items);
        BatchReport report = session.report();
        assertThat(report.accepted()).as("accepted of %s", report).isEqualTo(items + 1);
        assertThat(report.rejectedListed()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(items + 1);
            assertThat(rejected.reason()).isEqualTo(RejectReason.CONFLICT);
            assertThat(rejected.problems().get(0).message()).contains("as item 1 of this request");
        });
        TableProbe probe = new TableProbe(dynamo, shared.tableName());
        assertThat(probe.count(router)).isEqualTo(items);
    }

    @Test
    void identicalCopiesOfAnItemStillOpenAreBoundedAndAllAnswered() {
        // one item, then only copies of it: its chunk never fills, so without a bound every copy would be held
        String router = Fixtures.routerId("copies");
        TestResult item = result(router, Fixtures.recent(0), TestStatus.OK, null);
        int bound = config.ingest().write().maxHeldCopies();
        int copies = bound + bound / 5;
        BatchSession session = session();
        int mostHeld = 0;
        for (int i = 0; i <= copies; i++) {
            session.add(BatchEntry.parsed(i, "", item));
            mostHeld = Math.max(mostHeld, session.heldCopies());
        }
        session.drain();

        assertThat(mostHeld).as("copies held at once").isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(bound - 1);
        assertThat(session.heldCopies()).isZero();
        assertThat(session.report().accepted()).as("accepted of %s", session.report()).isEqualTo(copies + 1L);
        assertThat(new TableProbe(dynamo, shared.tableName()).count(router)).isEqualTo(1);
    }

    @Test
    void aChunkIsClosedBeforeItsRequestWouldPassSixteenMegabytesAsSent() {
        // 25 items of 120 KB (3 MB stored), but a control character is sent as a 6-byte escape: 18 MB as sent
        String router = Fixtures.routerId("wire");
        String raw = "\u0001".repeat(120_000);
        BatchSession session = session();
        long callsBefore = batchWriteCalls();

        for (int i = 0; i < 25; i++) {
            TestResult item = result(router, Fixtures.recent(i), TestStatus.OK, raw);
            session.add(BatchEntry.parsed(i, "", item));
        }
        session.drain();

        assertThat(ItemSize.of(ingestItem(router, raw))).isLessThan(ItemSize.MAX_ITEM_BYTES);
        assertThat(25 * RequestSize.putRequest(ingestItem(router, raw))).isGreaterThan(RequestSize.MAX_REQUEST_BYTES);
        assertThat(batchWriteCalls() - callsBefore).as("BatchWriteItem calls").isGreaterThanOrEqualTo(2);
        BatchReport report = session.report();
        assertThat(report.accepted()).as("accepted of %s", report).isEqualTo(25);
        assertThat(report.rejectedCount()).isZero();
        assertThat(new TableProbe(dynamo, shared.tableName()).partition(router)).hasSize(25)
                .allSatisfy(stored -> assertThat(stored.get("raw").s()).isEqualTo(raw));
    }

    @Test
    void itemsWithAClientGivenTestIdAreWrittenByTransactionsOfConditionalPutsThatNeverReplaceAStoredResult() {
        String router = Fixtures.routerId("stored");
        TestResult stored = result(router, Fixtures.recent(0), TestStatus.OK, null).withTestId("t-1");
        assertThat(ingest.ingestOne(stored).kind()).isEqualTo(SingleOutcome.Kind.CREATED);
        TableProbe probe = new TableProbe(dynamo, shared.tableName());
        Map<String, AttributeValue> before = probe.result(router, Fixtures.recent(0), "t-1").orElseThrow();
        long writes = batchWriteCalls();
        long puts = calls("PutItem");
        long transactions = calls("TransactWriteItems");

        // identical: accepted, not written again
        BatchSession identical = session();
        identical.add(BatchEntry.parsed(0, "", stored));
        identical.add(BatchEntry.parsed(1, "", stored));
        identical.drain();
        assertThat(identical.report().accepted()).as("accepted of %s", identical.report()).isEqualTo(2);
        assertThat(identical.report().rejectedCount()).isZero();

        // different content under the stored key: a conflict, for every copy; the stored result stays
        TestResult changed = result(router, Fixtures.recent(0), TestStatus.FAILED, null).withTestId("t-1");
        BatchSession conflicting = session();
        conflicting.add(BatchEntry.parsed(0, "/results/0", changed));
        conflicting.add(BatchEntry.parsed(1, "/results/1", changed));
        conflicting.drain();
        assertThat(conflicting.report().accepted()).isZero();
        assertThat(conflicting.report().rejectedListed()).hasSize(2).allSatisfy(rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectReason.CONFLICT);
            assertThat(rejected.problems().get(0).pointer()).isEqualTo("/results/" + rejected.index() + "/test_id");
            assertThat(rejected.problems().get(0).message()).contains("already stored");
        });

        assertThat(batchWriteCalls() - writes).as("BatchWriteItem calls").isZero();
        assertThat(calls("PutItem") - puts).as("PutItem calls (the default write mode is a transaction)").isZero();
        assertThat(calls("TransactWriteItems") - transactions).as("transactions, one per distinct key and session")
                .isGreaterThanOrEqualTo(2);
        assertThat(probe.partition(router)).containsExactly(before);
    }

    @Test
    void derivedTestIdsGoInBatchWritesWithoutReadsOrConditionalPuts() {
        String router = Fixtures.routerId("derived");
        long reads = calls("BatchGetItem");
        long puts = calls("PutItem");
        long transactions = calls("TransactWriteItems");
        long writes = batchWriteCalls();
        BatchSession session = session();
        for (int i = 0; i < 30; i++) {
            session.add(BatchEntry.parsed(i, "", result(router, Fixtures.recent(i), TestStatus.OK, null)));
        }
        session.drain();
        assertThat(session.report().accepted()).as("accepted of %s", session.report()).isEqualTo(30);
        assertThat(calls("BatchGetItem") - reads).isZero();
        assertThat(calls("PutItem") - puts).isZero();
        assertThat(calls("TransactWriteItems") - transactions).isZero();
        assertThat(batchWriteCalls() - writes).isGreaterThanOrEqualTo(2);
    }

    private Map<String, AttributeValue> ingestItem(String router, String raw) {
        return ((Prepared.Ready) ingest.prepare(result(router, Fixtures.recent(0), TestStatus.OK, raw))).item();
    }
}
