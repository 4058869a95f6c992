package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks an EMF document: against {@code docs/cloudwatch/emf.schema.json}, then the rules a schema cannot state: every
 * dimension it names is a string member of the root, every metric a number or an array of at most 100 numbers.
 */
public final class EmfDocumentRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private EmfDocumentRules() {
    }

    /** The document parsed, after every check passed. */
    public static JsonNode check(String line) {
        assertThat(line).as("one document per line").doesNotContain("\n");
        JsonNode document;
        try {
            document = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<ValidationMessage> problems = SCHEMA.validate(document);
        assertThat(problems).as("schema violations of %s", line).isEmpty();
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                for (JsonNode dimension : set) {
                    assertThat(document.path(dimension.asText()).isTextual())
                            .as("dimension %s is a string member of the root", dimension.asText()).isTrue();
                }
            }
            for (JsonNode metric : directive.path("Metrics")) {
                JsonNode value = document.path(metric.path("Name").asText());
                boolean numbers = value.isArray() && value.size() <= 100;
                value.forEach(element -> assertThat(element.isNumber()).isTrue());
                assertThat(value.isNumber() || numbers).as("metric %s is a number or up to 100 numbers", metric).isTrue();
            }
        }
        return document;
    }

    private static JsonSchema load() {
        try {
            String schema = Files.readString(Path.of("../docs/cloudwatch/emf.schema.json"));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
