package io.fleetpulse.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The sweeper's budget and period: a pass over the table is spread over ticks of bounded work, deletes every
 * expired item and nothing else, and the next pass waits for the period (so an idle stack does not Scan).
 */
class TtlSweeperTest {

    private static final String TABLE = FleetTable.DEFAULT_TABLE_NAME;
    private static final int ITEMS = 1_000;
    private static final int EXPIRED = 600;

    private static EmbeddedDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        dynamoDb = EmbeddedDynamoDb.start("127.0.0.1", 0, null, new TtlSweep(Duration.ofDays(1), Duration.ofMillis(1)));
        client = LocalClients.dynamoDb(dynamoDb.endpoint());
        FleetTable.ensureTable(client, TABLE);
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamoDb.close();
    }

    @Test
    void aPassIsSpreadOverBudgetedTicksAndTheNextWaitsForThePeriod() {
        long now = System.currentTimeMillis() / 1000;
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            long expiresAt = i % 5 < 3 ? now - 60 : now + 3_600; // 3 in 5 expired, spread over the whole table
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    Attr.PK, AttributeValue.fromS("ROUTER#sweep-" + i), Attr.SK, AttributeValue.fromS("TEST#" + i),
                    Attr.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)))).build()).build());
            if (writes.size() == 25) {
                List<WriteRequest> batch = List.copyOf(writes);
                client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch)));
                writes.clear();
            }
        }
        TtlSweeper sweeper = dynamoDb.ttlSweeper();
        sweeper.close(); // no scheduled ticks: this test ticks by hand

        assertThat(sweeper.tick(0)).as("no pass before the period").isFalse();
        assertThat(sweeper.scanned()).isZero();

        sweeper.startPassNow();
        int ticks = 0;
        boolean done = false;
        while (!done && ticks < 50) {
            long scannedBefore = sweeper.scanned();
            done = sweeper.tick(0); // no budget: one page a tick
            ticks++;
            assertThat(sweeper.scanned() - scannedBefore).as("one page per tick").isLessThanOrEqualTo(200);
        }
        assertThat(done).isTrue();
        assertThat(ticks).as("the pass took several ticks").isGreaterThanOrEqualTo(ITEMS / 200);
        assertThat(sweeper.deleted()).isEqualTo(EXPIRED);
        assertThat(sweeper.passes()).isEqualTo(1);
        assertThat(client.scan(b -> b.tableName(TABLE).select(Select.COUNT)).count()).isEqualTo(ITEMS - EXPIRED);

        long scannedAfterPass = sweeper.scanned();
        assertThat(sweeper.tick(Duration.ofSeconds(1).toNanos())).as("the next pass waits for the period").isFalse();
        assertThat(sweeper.scanned()).isEqualTo(scannedAfterPass);
    }

    @Test
    void aTickOverItsBudgetIsFollowedByARestThatKeepsItsShareOfTheTime() {
        long budget = Duration.ofMillis(50).toNanos();
        assertThat(TtlSweeper.restAfter(Duration.ofMillis(30).toNanos(), budget)).as("within the budget").isZero();
        long rest = TtlSweeper.restAfter(Duration.ofMillis(600).toNanos(), budget);
        assertThat(rest).isEqualTo(Duration.ofSeconds(12).toNanos());
        assertThat((double) Duration.ofMillis(600).toNanos() / rest).as("share of the time").isEqualTo(0.05);
        assertThat(TtlSweeper.restAfter(Duration.ofSeconds(2).toNanos(), 0)).as("no budget (tests tick by hand)").isZero();
    }
}
