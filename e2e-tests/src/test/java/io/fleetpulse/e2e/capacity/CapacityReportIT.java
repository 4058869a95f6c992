package io.fleetpulse.e2e.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.client.FleetpulseClients;
import io.fleetpulse.client.api.IngestApi;
import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.client.model.BatchAnswer;
import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.model.capacity.CapacityReport;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.model.validation.ItemSize;
import io.fleetpulse.testsupport.SharedLocalStack;
import io.fleetpulse.testsupport.TestClients;
import io.fleetpulse.testsupport.TestTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The capacity report against ingest-service and query-service from their packaged jars, on a table of its own (so only
 * this test's traffic is in it): results of known sizes are ingested (AP11, BatchWriteItem) and read back through
 * query-service (AP3, one eventually consistent Query), and the report's units and prices equal what the stored items'
 * sizes say DynamoDB charges: ceil(size / 1 KB) write units on the table and on each index the item is in, and
 * ceil(sum of sizes / 4 KB) / 2 read units for the Query.
 */
class CapacityReportIT {

    private static final String TABLE = "capacity-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> OPTIONS = List.of("-Dfleetpulse.table-name=" + TABLE,
            "-Dfleetpulse.capacity.usage.flush-interval=1s");

    private static LocalServices services;
    private static URI ingestUrl;
    private static URI queryUrl;

    @BeforeAll
    static void startServices() throws Exception {
        FleetTable.ensureTable(TestClients.dynamoDb(), TABLE);
        LocalServices.Jars jars = LocalServices.Jars.fromSystemProperties();
        services = new LocalServices(SharedLocalStack.get());
        services.startIngestAndQuery(jars, OPTIONS, OPTIONS);
        ingestUrl = services.get("ingest-service").url();
        queryUrl = services.get("query-service").url();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theReportChargesWhatTheStoredItemsSizesSay() {
        IngestApi ingest = FleetpulseClients.at(ingestUrl).token(TestTokens::writer).retrying(IngestApi.class);
        QueryApi query = FleetpulseClients.at(queryUrl).token(TestTokens::reader).retrying(QueryApi.class);
        QueryApi admin = FleetpulseClients.at(queryUrl).token(TestTokens::admin).retrying(QueryApi.class);
        String router = "rtr-capacity-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<TestResult> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(result(router, start.plusSeconds(60L * i), i));
        }

        BatchAnswer answer = ingest.submitNdjson(sent);
        assertThat(answer.accepted()).isEqualTo(sent.size());
        assertThat(query.walkResults(router, start, Instant.now().plusSeconds(60), null, "asc", 100).count()).isEqualTo(sent.size());

        List<Map<String, AttributeValue>> stored = storedResults(router);
        assertThat(stored).hasSize(sent.size());
        Map<String, Double> writeUnits = new LinkedHashMap<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : stored) {
            long size = ItemSize.of(item);
            bytes += size;
            double units = Math.ceil(size / 1024.0);
            writeUnits.merge("table", units, Double::sum);
            for (TableIndex index : TableIndex.values()) {
                if (index.isGlobalSecondary() && item.containsKey(index.partitionKey()) && item.containsKey(index.sortKey())) {
                    writeUnits.merge(index.indexName(), units, Double::sum);
                }
            }
        }
        assertThat(writeUnits.get("table")).as("items over 1 KB make this more than one unit an item").isGreaterThan(sent.size());
        double queryReadUnits = Math.ceil(bytes / 4096.0) / 2;

        Instant to = Instant.now().plus(2, ChronoUnit.MINUTES);
        CapacityReport report = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.capacity("PT10M", to), r -> writeUnitsOf(r, "AP11").equals(writeUnits) && row(r, "AP3", "table").isPresent());

        assertThat(report.windowSeconds()).isEqualTo(600);
        assertThat(report.services()).containsExactlyInAnyOrder("ingest-service", "query-service");
        assertThat(row(report, "AP3", "table")).get().satisfies(ap3 -> {
            assertThat(ap3.readUnits()).isEqualTo(queryReadUnits);
            assertThat(ap3.writeUnits()).isZero();
        });
        CapacityReport.Prices prices = report.prices();
        assertThat(prices.region()).isEqualTo("us-east-1");
        assertThat(prices.asOf()).isEqualTo("2024-11-01");
        for (CapacityReport.PatternUsage row : report.patterns()) {
            double read = row.readUnits() / 600;
            double write = row.writeUnits() / 600;
            assertThat(row.onDemandMonthlyUsd()).isCloseTo(
                    (read * 730 * 3600 * 0.125 + write * 730 * 3600 * 0.625) / 1e6, within(1e-6));
            assertThat(row.provisionedMonthlyUsd()).isCloseTo(
                    (read / 0.7 * 0.00013 + write / 0.7 * 0.00065) * 730, within(1e-6));
        }
        for (CapacityReport.IndexUsage index : report.indexes()) {
            List<CapacityReport.PatternUsage> rows = report.patterns().stream().filter(r -> r.index().equals(index.index())).toList();
            assertThat(index.writeUnits()).isCloseTo(rows.stream().mapToDouble(CapacityReport.PatternUsage::writeUnits).sum(), within(1e-9));
            assertThat(index.readUnits()).isCloseTo(rows.stream().mapToDouble(CapacityReport.PatternUsage::readUnits).sum(), within(1e-9));
            long readCapacity = Math.max(1, (long) Math.ceil(index.readUnits() / 600 / 0.7));
            long writeCapacity = Math.max(1, (long) Math.ceil(index.writeUnits() / 600 / 0.7));
            assertThat(index.provisionedReadCapacity()).isEqualTo(readCapacity);
            assertThat(index.provisionedWriteCapacity()).isEqualTo(writeCapacity);
            assertThat(index.provisionedMonthlyUsd()).isCloseTo((readCapacity * 0.00013 + writeCapacity * 0.00065) * 730, within(1e-6));
            assertThat(index.cheaper()).isEqualTo(index.provisionedMonthlyUsd() < index.onDemandMonthlyUsd()
                    ? CapacityReport.PROVISIONED : CapacityReport.ON_DEMAND);
        }
        assertThat(report.total().onDemandMonthlyUsd()).isCloseTo(
                report.indexes().stream().mapToDouble(CapacityReport.IndexUsage::onDemandMonthlyUsd).sum(), within(1e-5));
        // a few test calls a minute: a table's minimum provisioned capacity costs more than paying per request
        assertThat(report.total().cheaper()).isEqualTo(CapacityReport.ON_DEMAND);
    }

    @Test
    void onlyAdminsReadTheReportAndABadWindowIsNamed() {
        QueryApi reader = FleetpulseClients.at(queryUrl).token(TestTokens::reader).build(QueryApi.class);
        QueryApi admin = FleetpulseClients.at(queryUrl).token(TestTokens::admin).build(QueryApi.class);

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                io.fleetpulse.client.problem.FleetpulseProblemException.class, () -> reader.capacity(null, null)).status()).isEqualTo(403);
        var tooLong = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.fleetpulse.client.problem.FleetpulseProblemException.class, () -> admin.capacity("P30D", null));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errors()).anySatisfy(error -> assertThat(error.parameter()).isEqualTo("window"));
        var malformed = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.fleetpulse.client.problem.FleetpulseProblemException.class, () -> admin.capacity("an hour", null));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errors()).anySatisfy(error -> assertThat(error.parameter()).isEqualTo("window"));
    }

    private static Map<String, Double> writeUnitsOf(CapacityReport report, String pattern) {
        Map<String, Double> units = new LinkedHashMap<>();
        report.patterns().stream().filter(r -> r.pattern().equals(pattern)).forEach(r -> units.put(r.index(), r.writeUnits()));
        return units;
    }

    private static Optional<CapacityReport.PatternUsage> row(CapacityReport report, String pattern, String index) {
        return report.patterns().stream().filter(r -> r.pattern().equals(pattern) && r.index().equals(index)).findFirst();
    }

    private static List<Map<String, AttributeValue>> storedResults(String router) {
        DynamoDbClient dynamo = TestClients.dynamoDb();
        return dynamo.query(q -> q.tableName(TABLE).consistentRead(true).keyConditionExpression("PK = :pk AND begins_with(SK, :test)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.routerPk(router)), ":test", AttributeValue.fromS(Keys.TEST))))
                .items();
    }

    /** Latency results with 0 to 55 hops: items from about 0.4 KB to over 3 KB, failed ones in the sparse GSI2 too. */
    private static TestResult result(String router, Instant at, int i) {
        List<Map<String, Object>> hops = new ArrayList<>();
        for (int hop = 0; hop < i * 5; hop++) {
            hops.add(Map.of("hop", hop + 1, "host", "core-" + hop + ".example.net", "rtt_ms", new BigDecimal("1." + hop)));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("latency_ms", new BigDecimal(10 + i));
        result.put("jitter", new BigDecimal("0." + (i + 1)));
        result.put("hops", hops);
        return new TestResult(router, null, "latency", at, i % 3 == 0 ? TestStatus.FAILED : TestStatus.OK, result, "ams", "isp-a",
                null, null, null);
    }
}
