package io.fleetpulse.simulator.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.simulator.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive objects in S3, read directly: the {@code dt=} partitions of the days of the simulated window,
 * each object gunzipped line by line, counting the rows of this run by event id (so a row in two objects
 * shows up as a count of 2).
 */
public final class ArchiveObjects implements AutoCloseable {

    /** The archiver's default layout: {@code archive/results/dt=YYYY-MM-DD/rh=<h>/<name>-part-<n>.jsonl.gz}; a day is listed whole. */
    static final String DATA_PREFIX = "archive/results/dt=";

    private final S3Client s3;
    private final String bucket;

    /** Objects listed in the window's partitions, objects holding rows of the run, and the run's rows by event id. */
    public record Contents(long objects, long objectsOfRun, long bytes, Map<String, Integer> rowsByEventId) {
    }

    /** {@code endpoint} null: the SDK's default endpoint and credentials (AWS). */
    public ArchiveObjects(URI endpoint, String bucket) {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true).credentialsProvider(localCredentials());
        }
        this.s3 = builder.build();
        this.bucket = bucket;
    }

    /** A local S3 server ignores signatures; real credentials from the environment are used when present. */
    private static AwsCredentialsProvider localCredentials() {
        if (System.getenv("AWS_ACCESS_KEY_ID") != null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("fleetpulse", "fleetpulse-local"));
    }

    public Contents read(Instant from, Instant to, Predicate<JsonNode> ofRun) {
        long objects = 0;
        long objectsOfRun = 0;
        long bytes = 0;
        Map<String, Integer> rows = new HashMap<>();
        LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            String prefix = DATA_PREFIX + day + "/";
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                objects++;
                bytes += object.size();
                if (readObject(object.key(), ofRun, rows) > 0) {
                    objectsOfRun++;
                }
            }
        }
        return new Contents(objects, objectsOfRun, bytes, rows);
    }

    private int readObject(String key, Predicate<JsonNode> ofRun, Map<String, Integer> rows) {
        int ofThisRun = 0;
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket).key(key));
                BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(body), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Json.tree(line);
                if (ofRun.test(row)) {
                    rows.merge(row.path("event_id").asText(), 1, Integer::sum);
                    ofThisRun++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read s3://" + bucket + "/" + key, e);
        }
        return ofThisRun;
    }

    @Override
    public void close() {
        s3.close();
    }
}
