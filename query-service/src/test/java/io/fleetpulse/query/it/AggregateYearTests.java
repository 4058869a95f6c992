package io.fleetpulse.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.aggregate.AggregateRetention;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A router's year of daily aggregates (AP6, a day its hours summed) from hour items as the archiver stores them, TTL
 * included: two hours on each of the last 365 days, kept 400 days, so the whole year is there.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AggregateYearTests {

    static final String ROUTER = Seed.unique("year");
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final Instant FIRST_DAY = TODAY.minus(Duration.ofDays(364));
    static Seed seed;

    @BeforeAll
    static void seedOnce() {
        seed = Seed.open();
        List<Map<String, AttributeValue>> hours = new ArrayList<>();
        for (int day = 0; day < 365; day++) {
            Instant start = FIRST_DAY.plus(Duration.ofDays(day));
            hours.add(AggregateMapper.toItem(Seed.routerAggregate(ROUTER, Period.HOUR, start.plus(Duration.ofHours(3)), day)));
            hours.add(AggregateMapper.toItem(Seed.routerAggregate(ROUTER, Period.HOUR, start.plus(Duration.ofHours(15)), 1)));
        }
        seed.write(hours);
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    @Test
    void aYearOfDailyBucketsIsEveryDayItsHoursSummed() {
        Pages.Walk walk = Pages.walk("/v1/routers/" + ROUTER + "/aggregates", Map.of("period", "day", "order", "asc",
                "from", TODAY.minus(Duration.ofDays(365)).toString(), "to", TODAY.plus(Duration.ofDays(1)).toString()), 1000);
        assertThat(walk.items()).hasSize(365);
        List<String> expectedDays = new ArrayList<>();
        List<String> expectedCounts = new ArrayList<>();
        for (int day = 0; day < 365; day++) {
            expectedDays.add(FIRST_DAY.plus(Duration.ofDays(day)).toString());
            expectedCounts.add(Integer.toString(day + 1));
        }
        assertThat(Pages.field(walk.items(), "bucket_start")).containsExactlyElementsOf(expectedDays);
        assertThat(Pages.field(walk.items(), "count")).containsExactlyElementsOf(expectedCounts);
        assertThat(Pages.field(walk.items(), "period")).containsOnly("day");
    }

    @Test
    void theOldestHourOfTheYearIsKeptItsRetentionPastItsEnd() {
        Instant oldest = FIRST_DAY.plus(Duration.ofHours(3));
        Map<String, AttributeValue> item = seed.dynamo.getItem(b -> b.tableName(seed.table).consistentRead(true)
                .key(AggregateMapper.key(Seed.routerAggregate(ROUTER, Period.HOUR, oldest, 0)))).item();
        assertThat(Long.parseLong(item.get(Attr.EXPIRES_AT).n()))
                .isEqualTo(oldest.plus(Duration.ofHours(1)).plus(AggregateRetention.HOURLY).getEpochSecond())
                .isGreaterThan(Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
    }
}
