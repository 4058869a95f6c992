package io.fleetpulse.archiver.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.archiver.store.ArchiveObjectStore;

/**
 * Reads archived results back: lists only the router's {@code rh=} partition of each day in [from, to), streams
 * each object through gunzip line by line, and writes the lines of the router whose timestamp is in
 * range as NDJSON. Memory stays at one line.
 */
@ApplicationScoped
public class ArchiveReader {

    private final ArchiveObjectStore archive;

    public ArchiveReader(ArchiveObjectStore archive) {
        this.archive = archive;
    }

    /** Returns how many results were written. */
    public long write(String routerId, Instant from, Instant to, OutputStream out) throws IOException {
        return write(routerId, null, from, to, out);
    }

    /** Only results of {@code isp} when it is not null (a caller scoped to one ISP). Returns how many were written. */
    public long write(String routerId, String isp, Instant from, Instant to, OutputStream out) throws IOException {
        long written = 0;
        LocalDate last = ArchiveLayout.dayOf(to.minusNanos(1));
        for (LocalDate day = ArchiveLayout.dayOf(from); !day.isAfter(last); day = day.plusDays(1)) {
            // the router's rh= partition, and objects written before partitions existed (directly under dt=)
            List<String> keys = new ArrayList<>(archive.listDirect(archive.layout().dayPrefix(day)));
            keys.addAll(archive.list(archive.layout().routerPrefix(day, routerId)));
            for (String key : keys) {
                try (InputStream body = archive.open(key);
                        BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(body), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.isBlank() || !line.contains(routerId)) {
                            continue; // cheap pre-filter; the JSON check below decides
                        }
                        JsonNode row = Json.MAPPER.readTree(line);
                        if (!routerId.equals(row.path("router_id").asText(null))
                                || (isp != null && !isp.equals(row.path("isp").asText(null)))) {
                            continue;
                        }
                        Instant timestamp = Instant.parse(row.path("timestamp").asText());
                        if (timestamp.isBefore(from) || !timestamp.isBefore(to)) {
                            continue;
                        }
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        written++;
                    }
                }
                out.flush();
            }
        }
        return written;
    }
}
