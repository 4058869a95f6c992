package io.fleetpulse.simulator.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.fleetpulse.client.model.HistoryItem;
import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.client.model.RouterOverview;
import io.fleetpulse.client.paging.CursorWalk;
import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.TimeKey;

/**
 * One router's results as query-service lists them (AP3, every page through the cursors) against the ledger:
 * the same set of test ids, each with the same content. And its overview (AP2): the registered profile and,
 * per test type, the newest result the ledger has.
 */
final class ResultsCheck {

    private final QueryApi query;
    private final Instant from;
    private final Instant to;
    private final int pageSize;

    ResultsCheck(QueryApi query, Instant from, Instant to, int pageSize) {
        this.query = query;
        this.from = from;
        this.to = to;
        this.pageSize = pageSize;
    }

    /** Returns the differences (empty: identical) and adds the listing's size to the findings. */
    List<String> results(String router, List<TestResult> expected, Findings findings) {
        CursorWalk<HistoryItem> walk = CursorWalk.of(cursor -> query.results(router, from, to, null, "asc", pageSize, cursor));
        List<TestResult> listed = new ArrayList<>();
        walk.forEachRemaining(item -> listed.add(item.result()));
        synchronized (findings) {
            findings.resultsListed += listed.size();
            findings.pages += walk.pages();
        }
        return diff(router, expected, listed);
    }

    static List<String> diff(String router, List<TestResult> expected, List<TestResult> actual) {
        Map<String, TestResult> want = new HashMap<>();
        expected.forEach(result -> want.put(result.testId(), result));
        Map<String, Integer> seen = new HashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (TestResult result : actual) {
            if (seen.merge(result.testId(), 1, Integer::sum) == 2) {
                twice.add(result.testId());
            }
            TestResult wanted = want.get(result.testId());
            if (wanted == null) {
                unexpected.add(result.testId() + "@" + result.timestamp());
            } else if (!sameContent(wanted, result)) {
                changed.add(result.testId() + " (" + describe(result) + " vs ledger " + describe(wanted) + ")");
            }
        }
        for (String id : new TreeSet<>(want.keySet())) {
            if (!seen.containsKey(id)) {
                missing.add(id + "@" + want.get(id).timestamp());
            }
        }
        List<String> differences = new ArrayList<>();
        add(differences, router, "missing", missing);
        add(differences, router, "not in the ledger", unexpected);
        add(differences, router, "different content", changed);
        add(differences, router, "listed twice", twice);
        return differences;
    }

    static boolean sameContent(TestResult want, TestResult got) {
        return Objects.equals(want.timestamp(), got.timestamp()) && Objects.equals(want.testType(), got.testType())
                && want.status() == got.status() && Objects.equals(want.location(), got.location())
                && Objects.equals(want.isp(), got.isp()) && Objects.equals(want.raw(), got.raw())
                && canonical(want).equals(canonical(got));
    }

    /** The result document's canonical digest: map order and number spelling (12.0 vs 12) do not matter. */
    private static String canonical(TestResult result) {
        return TestIds.canonicalDigest(result.routerId(), result.testType(), result.timestamp(), result.result());
    }

    private static String describe(TestResult result) {
        return result.testType() + " " + result.status().wire() + " " + result.timestamp() + " " + result.result();
    }

    private static void add(List<String> differences, String router, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            differences.add(router + ": " + ids.size() + " " + what + " " + ids.subList(0, Math.min(5, ids.size()))
                    + (ids.size() > 5 ? " ..." : ""));
        }
    }

    /** The overview: the profile as registered, and the ledger's newest result of every test type. */
    List<String> overview(io.fleetpulse.simulator.fleet.Router router, List<TestResult> everAccepted) {
        List<String> differences = new ArrayList<>();
        RouterOverview overview = overview(query, router.id());
        if (overview.profile() == null) {
            differences.add(router.id() + ": no profile");
            return differences;
        }
        var profile = overview.profile();
        if (!Objects.equals(profile.model(), router.model()) || !Objects.equals(profile.firmware(), router.firmware())
                || !Objects.equals(profile.location(), router.location()) || !Objects.equals(profile.isp(), router.isp().name())) {
            differences.add(router.id() + ": profile " + profile + ", registered " + router.profile());
        }
        Map<String, TestResult> newest = new HashMap<>();
        for (TestResult result : everAccepted) {
            newest.merge(result.testType(), result, (a, b) -> order(a).compareTo(order(b)) >= 0 ? a : b);
        }
        for (String type : new TreeSet<>(newest.keySet())) {
            TestResult latest = overview.latest().get(type);
            if (latest == null || !latest.testId().equals(newest.get(type).testId())) {
                differences.add(router.id() + ": latest " + type + " is " + (latest == null ? "absent" : latest.testId() + "@" + latest.timestamp())
                        + ", ledger " + newest.get(type).testId() + "@" + newest.get(type).timestamp());
            }
        }
        return differences;
    }

    /** {@code GET /v1/routers/{id}}; an unknown router (404) has no profile and no results. */
    static RouterOverview overview(QueryApi query, String routerId) {
        try {
            return query.router(routerId);
        } catch (FleetpulseProblemException problem) {
            if (problem.kind() == FleetpulseProblemException.Kind.NOT_FOUND) {
                return new RouterOverview(null, Map.of());
            }
            throw problem;
        }
    }

    /** The archiver's "newer" order: timestamp, then test id. */
    private static String order(TestResult result) {
        return TimeKey.format(result.timestamp()) + "#" + result.testId();
    }
}
