package io.fleetpulse.query.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.service.HistoryItem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of the REST API (snake_case JSON). */
@RegisterForReflection
public final class Bodies {

    private Bodies() {
    }

    @Schema(name = "HistoryPage", description = "A page of a router's results, from the table and the S3 archive,"
            + " newest first unless order=asc")
    public record HistoryPage(
            @JsonProperty("items") List<HistoryItem> items,
            @Schema(description = "Pass as ?cursor= with the same other parameters for the next page; null on the last page")
            @JsonProperty("next_cursor") String nextCursor,
            @Schema(description = "The range the query covers, [from, to) (defaults filled in)")
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("order") String order) {
    }

    @Schema(name = "ResultsPage", description = "A page of test results, newest first unless order=asc")
    public record ResultsPage(
            @JsonProperty("items") List<TestResult> items,
            @Schema(description = "Pass as ?cursor= with the same other parameters for the next page; null on the last page")
            @JsonProperty("next_cursor") String nextCursor,
            @Schema(description = "The range the query covers, [from, to) (defaults filled in)")
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("order") String order) {
    }

    @Schema(name = "AggregatesPage", description = "A page of hourly or daily aggregates, newest bucket first unless order=asc")
    public record AggregatesPage(
            @JsonProperty("items") List<Aggregate> items,
            @JsonProperty("next_cursor") String nextCursor,
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("order") String order) {
    }

    @Schema(name = "LocationsPage", description = "A page of known location and ISP pairs, by location then ISP")
    public record LocationsPage(
            @JsonProperty("items") List<FleetLocation> items,
            @Schema(description = "Pass as ?cursor= for the next page; null on the last page")
            @JsonProperty("next_cursor") String nextCursor) {
    }

    @Schema(name = "RouterOverview", description = "A router's profile and the latest result of each test type")
    public record Overview(
            @JsonProperty("profile") RouterProfile profile,
            @Schema(description = "Latest result per test type, keyed by test_type")
            @JsonProperty("latest") Map<String, TestResult> latest) {
    }

    @Schema(name = "BatchGetRequest")
    public record BatchGetRequest(
            @Schema(description = "1 to 100 router ids; duplicates are read once", minItems = 1, maxItems = 100)
            @JsonProperty("router_ids") List<String> routerIds) {
    }

    @Schema(name = "BatchGetResponse")
    public record BatchGetResponse(
            @Schema(description = "Profiles found, in the order asked")
            @JsonProperty("profiles") List<RouterProfile> profiles,
            @Schema(description = "Ids without a profile")
            @JsonProperty("missing") List<String> missing,
            @Schema(description = "Ids DynamoDB left unprocessed after every retry (normally empty): ask again later")
            @JsonProperty("unprocessed") List<String> unprocessed) {
    }

    /** What the dashboard page reads at start-up (GET /dashboard/settings). */
    public record DashboardSettings(@JsonProperty("ingest_url") String ingestUrl) {
    }
}
