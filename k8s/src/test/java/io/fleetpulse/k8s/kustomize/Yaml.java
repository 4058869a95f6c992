package io.fleetpulse.k8s.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Multi-document YAML to and from plain maps (insertion-ordered), the form the renderer works on. */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Yaml() {
    }

    /** Every non-empty document of the file; each must be a mapping. */
    public static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Map<String, Object>> documents(String yaml, String source) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> values = MAPPER.readerFor(Object.class).readValues(yaml)) {
            while (values.hasNextValue()) {
                Object value = values.nextValue();
                if (value == null) {
                    continue; // an empty document (only comments, or a trailing ---)
                }
                if (!(value instanceof Map<?, ?>)) {
                    throw new KustomizeException(source + ": a document is not a mapping: " + value);
                }
                documents.add(mapOf(value));
            }
        } catch (IOException e) {
            throw new KustomizeException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new KustomizeException(file + ": " + e.getMessage(), e);
        }
    }

    public static String write(List<Map<String, Object>> documents) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> document : documents) {
            try {
                out.append("---\n").append(MAPPER.writeValueAsString(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** A deep, mutable copy. */
    public static Map<String, Object> copy(Map<String, Object> document) {
        return MAPPER.convertValue(document, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(Object value) {
        return (Map<String, Object>) value;
    }
}
