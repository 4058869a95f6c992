package io.fleetpulse.archiver.service;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fleetpulse.model.archive.ArchiveRows;

/** The JSON of events, archive rows and manifests: ISO timestamps, numbers as written, stable across processes. */
public final class Json {

    /** The archive rows' mapper: events, rows and manifests are written alike. */
    public static final ObjectMapper MAPPER = ArchiveRows.MAPPER;

    private Json() {
    }

    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
