package io.fleetpulse.archiver.lambda.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.model.archive.ArchivePaths;
import software.amazon.awssdk.services.s3.S3Client;

/** The rows the archive holds for one router and day, read back from S3. */
public final class ArchivedRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchivedRows() {
    }

    /** Every archived row's test id, repeated if a row is archived more than once. */
    public static List<String> testIds(S3Client s3, ArchiveConfig archive, LocalDate day, String router) {
        String prefix = new ArchivePaths(archive.prefix()).routerPrefix(day, router);
        List<String> ids = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(b -> b.bucket(archive.bucket()).prefix(prefix)).contents()) {
            byte[] gzip = s3.getObjectAsBytes(b -> b.bucket(archive.bucket()).key(object.key())).asByteArray();
            try (GZIPInputStream rows = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                for (String line : new String(rows.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    JsonNode row = line.isBlank() ? null : JSON.readTree(line);
                    if (row != null && router.equals(row.get("router_id").asText())) {
                        ids.add(row.get("test_id").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }
}
