package io.fleetpulse.archiver.lambda.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;

/**
 * Invokes the function inside the running Quarkus application the way Lambda's runtime does (the event's JSON through
 * the extension's reader, the handler bean, the response's JSON), on the caller's thread: unlike the mock event
 * server's single poll loop, several threads invoke it at once, as a parallelization factor above 1 does.
 */
public final class InProcessLambda {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InProcessLambda() {
    }

    /** The sequence numbers the invocation reports as batch item failures. */
    public static List<String> invoke(String event) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            AmazonLambdaRecorder.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, null);
            List<String> failures = new ArrayList<>();
            for (JsonNode failure : JSON.readTree(response.toByteArray()).path("batchItemFailures")) {
                failures.add(failure.get("itemIdentifier").asText());
            }
            return failures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
