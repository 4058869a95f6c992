package io.fleetpulse.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.capacity.CapacityKey;
import io.fleetpulse.model.capacity.CapacityKind;
import io.fleetpulse.model.capacity.CapacityUsage;
import io.fleetpulse.model.mapping.CapacityUsageMapper;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The dashboard in headless Chromium against the running service and the shared DynamoDB Local: seeded registry
 * entries, fleet aggregates, failures, a router with its results; the charts must hold exactly the seeded values
 * (each chart publishes the data of its own ECharts option), the results table must page through the API's cursors,
 * errors and empty states must show, and the layout must fit a 390x844 phone. Screenshots: target/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestHotKeysStandIn.class)
class DashboardBrowserTests {

    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final String LOCATION = Seed.unique("dashloc");
    static final String ROUTER = LOCATION + "-router";
    static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    /** Hourly results and failures of isp-a over the last six hours, of isp-b over the last three. */
    static final long[][] ISP_A = { { 40, 2 }, { 44, 0 }, { 48, 6 }, { 52, 1 }, { 56, 3 }, { 60, 0 } };
    static final long[][] ISP_B = { { 10, 5 }, { 12, 6 }, { 14, 7 } };
    static final int RESULTS = 25;
    /** A router with a year of hourly aggregates and no results: its year chart can only come from aggregates. */
    static final String YEAR_ROUTER = LOCATION + "-year";
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final int YEAR_DAYS = 365;
    /** rtt_ms is in the aggregates of the last days only. */
    static final int RTT_DAYS = 30;

    static Seed seed;
    static Browser browser;
    static final List<TestResult> ROUTER_RESULTS = new ArrayList<>();
    static final List<TestResult> FAILURES = new ArrayList<>();
    static Instant from;
    static Instant to;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void seedOnce() {
        if (browser == null) {
            browser = Browser.launch();
            browser.signIn(root.toString(), TestTokens.reader());
        }
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        seed.registry(new FleetLocation(LOCATION, "isp-a"));
        seed.registry(new FleetLocation(LOCATION, "isp-b"));
        for (int h = 0; h < ISP_A.length; h++) {
            seed.aggregate(Seed.fleetAggregate(LOCATION, "isp-a", Period.HOUR, hourOf(h, ISP_A), ISP_A[h][0], ISP_A[h][1]));
        }
        for (int h = 0; h < ISP_B.length; h++) {
            seed.aggregate(Seed.fleetAggregate(LOCATION, "isp-b", Period.HOUR, hourOf(h, ISP_B), ISP_B[h][0], ISP_B[h][1]));
        }
        long alive = Seed.alive();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(13));
        for (int i = 0; i < RESULTS; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            String type = i % 5 == 4 ? "dns" : "latency";
            // the shapes devices send: latency results carry `jitter`, dns ones a nested answer; text is no metric
            if (type.equals("dns")) {
                values.put("server", "192.0.2.53");
                values.put("resolve_ms", new BigDecimal("8.5"));
                values.put("answer", Map.of("records", i / 5 + 1));
            } else {
                values.put("target", "speedtest.example.net");
                values.put("rtt_ms", BigDecimal.valueOf(10 + i));
                values.put("jitter", new BigDecimal((1 + i / 10) + "." + (i % 10)));
                values.put("loss_pct", BigDecimal.valueOf(i % 3));
            }
            ROUTER_RESULTS.add(new TestResult(ROUTER, String.format("t%02d", i), type, start.plus(Duration.ofMinutes(30L * i)),
                    TestStatus.OK, values, LOCATION, "isp-a", null, null, alive));
        }
        for (int i = 0; i < 3; i++) {
            FAILURES.add(Seed.result(LOCATION + "-f" + i, "latency", start.plus(Duration.ofHours(2L * i + 1)), "fail-" + i, true,
                    LOCATION, i == 2 ? "isp-b" : "isp-a", alive));
        }
        seed.results(ROUTER_RESULTS);
        seed.results(FAILURES);
        seed.profile(Seed.profileOf(ROUTER, LOCATION, "isp-a"));
        seed.latest(ROUTER_RESULTS.get(RESULTS - 1));
        seed.latest(ROUTER_RESULTS.get(RESULTS - 2));
        seed.write(yearOfAggregates());
        seed.profile(Seed.profileOf(YEAR_ROUTER, LOCATION, "isp-a"));
        from = start.minus(Duration.ofMinutes(1));
        to = start.plus(Duration.ofMinutes(30L * RESULTS));
    }

    /** The day {@code d} of the year, 0 the oldest, {@code YEAR_DAYS - 1} today. */
    static Instant yearDay(int d) {
        return TODAY.minus(Duration.ofDays(YEAR_DAYS - 1 - d));
    }

    /** jitter's daily average: two values around it at 00:00, and on even days two more, one higher, at 12:00. */
    static double jitterBase(int d) {
        return 1 + (d % 10) * 0.25;
    }

    static double expectedJitter(int d) {
        return d % 2 == 0 ? jitterBase(d) + 0.5 : jitterBase(d);
    }

    static List<Map<String, AttributeValue>> yearOfAggregates() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int d = 0; d < YEAR_DAYS; d++) {
            BigDecimal a = BigDecimal.valueOf(jitterBase(d));
            Map<String, MetricStats> midnight = new LinkedHashMap<>();
            midnight.put("jitter", new MetricStats(a.subtract(new BigDecimal("0.5")), a.add(new BigDecimal("0.5")), a.add(a), 2));
            if (d >= YEAR_DAYS - RTT_DAYS) {
                midnight.put("rtt_ms", new MetricStats(BigDecimal.valueOf(d), BigDecimal.valueOf(d), BigDecimal.valueOf(2L * d), 2));
            }
            items.add(AggregateMapper.toItem(new Aggregate(AggregateScope.ROUTER, Period.HOUR, yearDay(d), YEAR_ROUTER, null, null,
                    2, d % 3 == 0 ? 1 : 0, midnight)));
            if (d % 2 == 0) {
                BigDecimal high = a.add(new BigDecimal("0.5"));
                Map<String, MetricStats> noon = Map.of("jitter", new MetricStats(high, high.add(BigDecimal.ONE), high.add(high).add(BigDecimal.ONE), 2));
                items.add(AggregateMapper.toItem(new Aggregate(AggregateScope.ROUTER, Period.HOUR, yearDay(d).plus(Duration.ofHours(12)),
                        YEAR_ROUTER, null, null, 2, 0, noon)));
            }
        }
        return items;
    }

    /** The bucket of row {@code h} of a table whose last row is the current hour. */
    static Instant hourOf(int h, long[][] rows) {
        return HOUR.minus(Duration.ofHours(rows.length - 1 - h));
    }

    @AfterEach
    void reset() {
        if (browser != null) {
            browser.block();
            browser.desktop();
        }
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (seed != null) {
            seed.close();
        }
    }

    String overviewUrl() {
        return root + "#/?range=24h&location=" + LOCATION;
    }

    String routerUrl(String id) {
        return root + "#/router/" + id + "?from=" + from + "&to=" + to;
    }

    @Test
    void overviewChartsTheSeededFleet() {
        browser.open(overviewUrl());

        List<String> hours = new ArrayList<>();
        for (int h = 0; h < ISP_A.length; h++) {
            hours.add(MINUTES.format(hourOf(h, ISP_A)));
        }
        Browser.ChartData perHour = browser.chart("chart-results-per-hour");
        assertThat(perHour.labels()).containsExactlyElementsOf(hours);
        assertThat(perHour.series()).extracting(Browser.Series::name)
                .containsExactly(LOCATION + " / isp-a", LOCATION + " / isp-b");
        assertThat(perHour.series().get(0).data()).containsExactly(40.0, 44.0, 48.0, 52.0, 56.0, 60.0);
        assertThat(perHour.series().get(1).data()).containsExactly(0.0, 0.0, 0.0, 10.0, 12.0, 14.0);

        Browser.ChartData rates = browser.chart("chart-failure-rate");
        assertThat(rates.labels()).containsExactly(LOCATION + " / isp-a", LOCATION + " / isp-b");
        assertThat(rates.series().get(0).data()).containsExactly(rate(ISP_A), rate(ISP_B));

        List<String> failures = browser.texts("#failures tbody tr td:nth-child(5)");
        assertThat(failures).containsExactly("fail-2", "fail-1", "fail-0");
        assertThat(browser.texts("#failures tbody tr td:nth-child(3)"))
                .containsExactly(LOCATION + " / isp-b", LOCATION + " / isp-a", LOCATION + " / isp-a");

        Browser.ChartData hotKeys = browser.chart("chart-hot-keys");
        assertThat(hotKeys.labels()).containsExactly(Keys.routerPk(IngestHotKeysStandIn.HOT_ROUTER),
                Keys.routerPk(IngestHotKeysStandIn.WARM_ROUTER));
        assertThat(hotKeys.series().get(0).data()).containsExactly((double) IngestHotKeysStandIn.HOT_WRITES,
                (double) IngestHotKeysStandIn.WARM_WRITES);
        assertThat(browser.find("#banner").isDisplayed()).isFalse();
        browser.screenshot("overview-desktop");
    }

    /** sum(failed) / sum(count) in percent, one decimal, as the page rounds it. */
    static double rate(long[][] rows) {
        long count = 0;
        long failed = 0;
        for (long[] row : rows) {
            count += row[0];
            failed += row[1];
        }
        return Math.round(1000.0 * failed / count) / 10.0;
    }

    @Test
    void routerViewChartsItsMetricsAndPagesThroughTheResults() {
        browser.open(routerUrl(ROUTER));
        assertThat(browser.find("#router-title").getText()).isEqualTo(ROUTER);
        assertThat(browser.find("#router-profile").getText()).contains("RX-100", LOCATION, "isp-a");
        assertThat(browser.texts("#range-type option")).containsExactly("All types", "dns", "latency");

        assertThat(browser.find("#router-charts-note").getDomAttribute("data-source")).isEqualTo("results");
        assertThat(metricCards()).as("a chart per metric the results hold, none for others").containsExactly(
                "card-dns--resolve_ms", "card-dns--answer-records", "card-latency--rtt_ms", "card-latency--jitter",
                "card-latency--loss_pct");
        List<TestResult> latency = ROUTER_RESULTS.stream().filter(r -> r.testType().equals("latency")).toList();
        List<String> times = latency.stream().map(r -> SECONDS.format(r.timestamp())).toList();
        Browser.ChartData latencyChart = browser.chart("chart-latency--rtt_ms");
        assertThat(latencyChart.labels()).containsExactlyElementsOf(times);
        assertThat(latencyChart.series().get(0).data()).containsExactlyElementsOf(values(latency, "rtt_ms"));
        Browser.ChartData jitter = browser.chart("chart-latency--jitter");
        assertThat(jitter.labels()).containsExactlyElementsOf(times);
        assertThat(jitter.series().get(0).data()).hasSize(20).containsExactlyElementsOf(values(latency, "jitter"));
        assertThat(browser.find("#card-latency--jitter h2").getText()).isEqualTo("Jitter ms · latency");
        assertThat(browser.chart("chart-latency--loss_pct").series().get(0).data())
                .containsExactlyElementsOf(values(latency, "loss_pct"));
        assertThat(browser.chart("chart-dns--answer-records").series().get(0).data()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        browser.screenshot("router-desktop");

        // newest first, 10 a page, through next_cursor; Previous goes back to the same page
        List<String> expected = new ArrayList<>(ROUTER_RESULTS.stream().map(TestResult::testId).toList());
        Collections.reverse(expected);
        List<String> page1 = pageIds();
        assertThat(page1).containsExactlyElementsOf(expected.subList(0, 10));
        assertThat(browser.find("#results-prev").isEnabled()).isFalse();
        List<String> page2 = turn("#results-next", page1);
        assertThat(page2).containsExactlyElementsOf(expected.subList(10, 20));
        assertThat(browser.find("#results-page").getText()).isEqualTo("Page 2");
        List<String> page3 = turn("#results-next", page2);
        assertThat(page3).containsExactlyElementsOf(expected.subList(20, 25));
        assertThat(browser.find("#results-next").isEnabled()).isFalse();
        List<String> seen = new ArrayList<>(page1);
        seen.addAll(page2);
        seen.addAll(page3);
        assertThat(seen).doesNotHaveDuplicates().hasSize(RESULTS);
        assertThat(turn("#results-prev", page3)).isEqualTo(page2);
    }

    @Test
    void aYearChartsTheRoutersDailyAggregates() {
        browser.open(root + "#/router/" + YEAR_ROUTER);
        WebElement note = browser.find("#router-charts-note");
        browser.find("[data-preset='365d']").click();
        browser.waitUntil("the year view to load", () -> "day".equals(note.getDomAttribute("data-source"))
                && "false".equals(browser.find("main").getDomAttribute("data-busy")));
        assertThat(note.getText()).startsWith("Daily averages of all test types from the router's aggregates");
        assertThat(metricCards()).containsExactly("card-bucket-counts", "card-rtt_ms", "card-jitter");

        // a bucket for every day the preset's range touches (from the range fields: a run may cross midnight), the
        // first only partly in it; days without aggregates have no values
        LocalDateTime rangeFrom = LocalDateTime.parse(browser.find("#range-from").getDomProperty("value"));
        LocalDateTime rangeTo = LocalDateTime.parse(browser.find("#range-to").getDomProperty("value"));
        assertThat(Duration.between(rangeFrom, rangeTo)).isEqualTo(Duration.ofDays(365));
        LocalDate firstSeeded = LocalDate.ofInstant(yearDay(0), ZoneOffset.UTC);
        List<String> days = new ArrayList<>();
        List<Double> averages = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        List<Double> rtts = new ArrayList<>();
        List<Double> failed = new ArrayList<>();
        for (LocalDate date = rangeFrom.toLocalDate(); date.isBefore(rangeTo.minusMinutes(1).toLocalDate().plusDays(1)); date = date.plusDays(1)) {
            int d = (int) ChronoUnit.DAYS.between(firstSeeded, date);
            boolean seeded = d >= 0 && d < YEAR_DAYS;
            days.add(date.toString());
            averages.add(seeded ? expectedJitter(d) : null);
            lows.add(seeded ? jitterBase(d) - 0.5 : null);
            highs.add(seeded ? jitterBase(d) + (d % 2 == 0 ? 1.5 : 0.5) : null);
            rtts.add(seeded && d >= YEAR_DAYS - RTT_DAYS ? (double) d : null);
            failed.add(seeded && d % 3 == 0 ? 1.0 : 0.0);
        }
        assertThat(averages.stream().filter(Objects::nonNull).count()).as("seeded days in the range").isGreaterThanOrEqualTo(YEAR_DAYS - 1);

        Browser.ChartData jitter = browser.chart("chart-jitter");
        assertThat(jitter.labels()).hasSizeGreaterThanOrEqualTo(YEAR_DAYS).containsExactlyElementsOf(days);
        assertThat(jitter.series()).extracting(Browser.Series::name).containsExactly("average", "min", "max");
        assertThat(jitter.series().get(0).data()).containsExactlyElementsOf(averages);
        assertThat(jitter.series().get(1).data()).containsExactlyElementsOf(lows);
        assertThat(jitter.series().get(2).data()).containsExactlyElementsOf(highs);

        List<Double> rtt = browser.chart("chart-rtt_ms").series().get(0).data();
        assertThat(rtt).containsExactlyElementsOf(rtts);
        assertThat(rtt.stream().filter(Objects::nonNull).count()).isEqualTo(RTT_DAYS);

        Browser.ChartData counts = browser.chart("chart-bucket-counts");
        assertThat(counts.series()).extracting(Browser.Series::name).containsExactly("ok", "failed");
        assertThat(counts.series().get(1).data()).containsExactlyElementsOf(failed);
        // two results an item: one item on odd days, two on even days, less the failed one
        List<Double> ok = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            int d = (int) ChronoUnit.DAYS.between(firstSeeded, LocalDate.parse(days.get(i)));
            ok.add(d >= 0 && d < YEAR_DAYS ? (d % 2 == 0 ? 4.0 : 2.0) - failed.get(i) : 0.0);
        }
        assertThat(counts.series().get(0).data()).containsExactlyElementsOf(ok);
        browser.screenshot("router-year");
    }

    private List<String> metricCards() {
        return browser.driver.findElements(By.cssSelector(".card.metric")).stream().map(card -> card.getDomAttribute("id")).toList();
    }

    private static List<Double> values(List<TestResult> results, String field) {
        return results.stream().map(r -> ((BigDecimal) r.result().get(field)).doubleValue()).toList();
    }

    private List<String> pageIds() {
        return browser.driver.findElements(By.cssSelector("#results-table tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-test-id")).toList();
    }

    private List<String> turn(String button, List<String> before) {
        browser.find(button).click();
        browser.waitUntil("the results table to show another page",
                () -> "ready".equals(browser.find("#card-results").getDomAttribute("data-state")) && !pageIds().equals(before));
        return pageIds();
    }

    @Test
    void anUnknownRouterIsNotFound() {
        String unknown = Seed.unique("no-such-router");
        browser.open(overviewUrl());
        browser.find("#router-id").sendKeys(unknown);
        browser.find("#router-search button").click();
        WebElement notice = browser.find("#router-not-found");
        browser.waitUntil("the router view to say 'not found'", notice::isDisplayed);
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/router/" + unknown);
        assertThat(notice.getText()).contains("Router not found", unknown);
        assertThat(browser.find("#router-content").isDisplayed()).isFalse();
        assertThat(browser.find("#banner").isDisplayed()).isFalse();
        browser.screenshot("router-not-found");
    }

    @Test
    void servicesThatDoNotAnswerAreShown() {
        // ingest-service down: only the hot-keys card says so
        browser.block("*/v1/admin/hot-keys*");
        browser.open(overviewUrl());
        WebElement hotKeys = browser.find("#card-hot-keys");
        assertThat(hotKeys.getDomAttribute("data-state")).isEqualTo("error");
        assertThat(hotKeys.getText()).contains("Hot keys unavailable", "ingest-service", "unreachable");
        assertThat(browser.find("#banner").isDisplayed()).isFalse();
        assertThat(browser.chart("chart-results-per-hour").labels()).hasSize(ISP_A.length);

        // query-service's API down: the banner, and every card in an error state
        browser.block("*/v1/*");
        browser.open(overviewUrl());
        WebElement banner = browser.find("#banner");
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).contains("query-service is unreachable");
        assertThat(browser.find("#card-results-per-hour").getDomAttribute("data-state")).isEqualTo("error");
        assertThat(browser.find("#card-failures").getDomAttribute("data-state")).isEqualTo("error");
        browser.screenshot("overview-api-down");

        browser.open(routerUrl(ROUTER));
        assertThat(browser.find("#banner").getText()).contains("query-service is unreachable");
        assertThat(browser.find("#card-router-profile").getDomAttribute("data-state")).isEqualTo("error");
    }

    @Test
    void theCapacityCardPricesTheLastHourForAnAdmin() {
        Instant minute = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        seed.write(List.of(
                CapacityUsageMapper.toItem(new CapacityUsage(minute, "ingest-service", "browser-test",
                        Map.of(new CapacityKey("AP11", CapacityKey.TABLE, CapacityKind.WRITE), 6000.0,
                                new CapacityKey("AP11", "GSI1", CapacityKind.WRITE), 3000.0))),
                CapacityUsageMapper.toItem(new CapacityUsage(minute, "query-service", "browser-test",
                        Map.of(new CapacityKey("AP3", CapacityKey.TABLE, CapacityKind.READ), 300.0)))));
        try {
            browser.open(overviewUrl());
            browser.waitUntil("the capacity card to refuse a reader",
                    () -> "error".equals(browser.find("#card-capacity").getDomAttribute("data-state")));
            assertThat(browser.find("#card-capacity").getText()).contains("Capacity unavailable", "your token does not grant this view");

            browser.signIn(overviewUrl(), TestTokens.withRoles(Roles.RESULTS_READ, Roles.ADMIN));
            browser.waitUntil("the capacity card to draw", () -> "ready".equals(browser.find("#card-capacity").getDomAttribute("data-state")));
            assertThat(browser.texts("#card-capacity tbody tr td:nth-child(1)")).containsExactly("AP11", "AP11", "AP3");
            assertThat(browser.texts("#card-capacity tbody tr td:nth-child(2)")).containsExactly("table", "GSI1", "table");
            assertThat(browser.texts("#card-capacity tbody tr td:nth-child(4)")).containsExactly("6,000", "3,000", "0");
            assertThat(browser.texts("#card-capacity tbody tr td:nth-child(3)")).containsExactly("0", "0", "300");
            // 6,000 write units in an hour: $2.74 a month on-demand (1.67/s x 2,628,000 s x $0.625 per million)
            assertThat(browser.texts("#card-capacity tbody tr td:nth-child(5)").get(0)).isEqualTo("$2.74");
            assertThat(browser.find("#card-capacity .capacity-summary").getText())
                    .contains("A month at the last 60 min's rate", "provisioned is cheaper", "us-east-1 prices of 2024-11-01");
            browser.screenshot("overview-capacity");
        } finally {
            browser.signIn(root.toString(), TestTokens.reader());
        }
    }

    @Test
    void withoutAValidTokenTheDashboardAsksToSignIn() {
        try {
            browser.find("#token-clear").click();
            browser.open(overviewUrl());
            assertThat(browser.find("#banner").getText()).contains("query-service needs a valid bearer token");
            assertThat(browser.find("#card-results-per-hour").getDomAttribute("data-state")).isEqualTo("error");
            assertThat(browser.find("#token-clear").isDisplayed()).isFalse();

            browser.signIn(overviewUrl(), TestTokens.writer());
            assertThat(browser.find("#banner").getText()).contains("your token does not grant this view");

            browser.signIn(overviewUrl(), TestTokens.reader());
            assertThat(browser.find("#banner").isDisplayed()).isFalse();
            assertThat(browser.chart("chart-results-per-hour").labels()).hasSize(ISP_A.length);
        } finally {
            browser.signIn(root.toString(), TestTokens.reader());
        }
    }

    @Test
    void anEmptyRangeSaysSo() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(60)).truncatedTo(ChronoUnit.HOURS);
        browser.open(root + "#/router/" + ROUTER + "?from=" + longAgo + "&to=" + longAgo.plus(Duration.ofHours(1)));
        assertThat(browser.find("#card-metrics").getText()).contains("No numeric values in this range.");
        assertThat(metricCards()).isEmpty();
        assertThat(browser.find("#card-results").getText()).contains("No results in this range.");
    }

    @Test
    void theLayoutFitsAPhone() {
        browser.phone(390, 844);
        browser.open(overviewUrl());
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        Browser.ChartData perHour = browser.chart("chart-results-per-hour");
        Browser.ChartData rates = browser.chart("chart-failure-rate");
        assertThat(perHour.width()).isLessThanOrEqualTo(390).isEqualTo(rates.width());
        assertThat(browser.find("#card-failure-rate").getRect().getX())
                .as("one column").isEqualTo(browser.find("#card-results-per-hour").getRect().getX());
        assertThat(perHour.series().get(0).data()).hasSize(ISP_A.length);
        browser.screenshot("overview-phone");

        browser.open(routerUrl(ROUTER));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        assertThat(browser.chart("chart-latency--rtt_ms").width()).isLessThanOrEqualTo(390);
        assertThat(browser.find("#results-next").isDisplayed()).isTrue();
        browser.screenshot("router-phone");
    }
}
