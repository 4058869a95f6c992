package io.fleetpulse.archiver.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.archive.ArchiveRows;

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
        long[] written = { 0 };
        LocalDate last = ArchivePaths.dayOf(to.minusNanos(1));
        for (LocalDate day = ArchivePaths.dayOf(from); !day.isAfter(last); day = day.plusDays(1)) {
            // the router's rh= partition, and objects written before partitions existed (directly under dt=)
            List<String> keys = new ArrayList<>(archive.listDirect(archive.layout().dayPrefix(day)));
            keys.addAll(archive.list(archive.layout().routerPrefix(day, routerId)));
            for (String key : keys) {
                try {
                    ArchiveRows.forEachLine(archive.open(key), line -> {
                        if (!line.contains(routerId)) {
                            return; // cheap pre-filter; the JSON check below decides
                        }
                        JsonNode row = ArchiveRows.tree(line);
                        if (!routerId.equals(row.path("router_id").asText(null))
                                || (isp != null && !isp.equals(row.path("isp").asText(null)))) {
                            return;
                        }
                        Instant timestamp = Instant.parse(row.path("timestamp").asText());
                        if (timestamp.isBefore(from) || !timestamp.isBefore(to)) {
                            return;
                        }
                        try {
                            out.write(line.getBytes(StandardCharsets.UTF_8));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        written[0]++;
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                out.flush();
            }
        }
        return written[0];
    }
}
