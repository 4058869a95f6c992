package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.kit.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.fleetpulse.ingest.service.BatchEntry;
import io.fleetpulse.ingest.service.BatchSource;
import io.fleetpulse.ingest.service.RejectReason;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.model.validation.Violation;

/**
 * Reads request bodies with Jackson's streaming parser and turns every Jackson failure into a problem
 * that points at the field: syntax errors and bytes that are not strict UTF-8 are 400 (malformed), a value
 * of the wrong JSON type (a {@code null} document included) or an unknown field is 422 (valid JSON that
 * breaks a rule), a body over its limit is 413.
 */
@Singleton
public class JsonBodies {

    public static final String RESULTS_FIELD = "results";
    static final String NOT_AN_OBJECT = "must be a JSON object";

    private final ObjectReader resultReader;
    private final ObjectReader profileReader;

    public JsonBodies(ObjectMapper mapper) {
        this.resultReader = mapper.readerFor(TestResult.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.profileReader = mapper.readerFor(RouterProfile.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A single result document. */
    public TestResult readResult(InputStream body) {
        return readSingle(body, resultReader);
    }

    /** A router profile document. */
    public RouterProfile readProfile(InputStream body) {
        return readSingle(body, profileReader);
    }

    private <T> T readSingle(InputStream body, ObjectReader reader) {
        try (JsonParser parser = reader.createParser(new Utf8CheckedInputStream(body))) {
            if (parser.nextToken() == null) {
                throw new ProblemException(Problems.malformed("the body is empty; a JSON object is expected",
                        List.of(FieldError.pointer("", "a JSON object is expected"))));
            }
            T value = reader.readValue(parser);
            if (value == null) {
                throw new ProblemException(Problems.invalid("the body must be a JSON object, not null",
                        List.of(FieldError.pointer("", NOT_AN_OBJECT))));
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(Problems.malformed("content after the JSON document",
                        List.of(FieldError.pointer("", "exactly one JSON document is expected"))));
            }
            return value;
        } catch (IOException e) {
            throw whole(e, "");
        }
    }

    /**
     * An {@code application/json} batch, {@code {"results": [...]}}, read whole before anything is
     * written (so a syntax error refuses the request with nothing stored). Items of the wrong shape
     * are reported on their own; more than {@code maxItems} refuses the request (413).
     */
    public List<BatchEntry> readBatch(InputStream body, int maxItems) {
        List<BatchEntry> entries = new ArrayList<>();
        try (JsonParser parser = resultReader.createParser(new Utf8CheckedInputStream(body))) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new ProblemException(Problems.malformed("the body is empty",
                        List.of(FieldError.pointer("", "a JSON object {\"results\": [...]} is expected"))));
            }
            if (token != JsonToken.START_OBJECT) {
                throw new ProblemException(Problems.invalid("the body must be a JSON object {\"results\": [...]}",
                        List.of(FieldError.pointer("", "must be an object with a \"results\" array"))));
            }
            boolean seen = false;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!RESULTS_FIELD.equals(name)) {
                    throw new ProblemException(Problems.invalid("unknown field " + name,
                            List.of(FieldError.pointer("/" + Validation.escapePointer(name), "is not a known field"))));
                }
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw new ProblemException(Problems.invalid("results must be an array",
                            List.of(FieldError.pointer("/results", "must be an array of test results"))));
                }
                seen = true;
                readItems(parser, maxItems, entries);
            }
            if (!seen) {
                throw new ProblemException(Problems.invalid("results is required",
                        List.of(FieldError.pointer("/results", "is required (an array of test results)"))));
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(Problems.malformed("content after the JSON document",
                        List.of(FieldError.pointer("", "exactly one JSON document is expected"))));
            }
            return entries;
        } catch (IOException e) {
            throw whole(e, "");
        }
    }

    private void readItems(JsonParser parser, int maxItems, List<BatchEntry> entries) throws IOException {
        JsonStreamContext array = parser.getParsingContext();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (index >= maxItems) {
                throw new ProblemException(Problems.tooLarge("a JSON batch holds at most " + maxItems
                        + " results; send larger batches as application/x-ndjson",
                        List.of(FieldError.pointer("/results", "has more than " + maxItems + " items"))));
            }
            String prefix = "/results/" + index;
            try {
                TestResult result = resultReader.readValue(parser);
                entries.add(result != null ? BatchEntry.parsed(index, prefix, result)
                        : BatchEntry.unreadable(index, prefix, RejectReason.INVALID, List.of(Violation.invalid("", NOT_AN_OBJECT))));
            } catch (JsonMappingException wrongShape) {
                entries.add(BatchEntry.unreadable(index, prefix, RejectReason.INVALID, List.of(violation(wrongShape))));
                // skip the rest of this item: back to the array's level
                while (parser.getParsingContext() != array) {
                    if (parser.nextToken() == null) {
                        throw new JsonParseException(parser, "unexpected end of input");
                    }
                }
            }
            index++;
        }
    }

    /**
     * An {@code application/x-ndjson} batch: one result per line, read as a stream (one line in memory
     * at a time, at most {@code maxLine} bytes). A line that is not JSON, has the wrong shape or is too
     * long is reported by its index (from 0, counting every line); blank lines are skipped.
     */
    public BatchSource ndjson(InputStream body, long maxLine) {
        return new NdjsonSource(body, maxLine);
    }

    private final class NdjsonSource implements BatchSource {
        private final InputStream in;
        private final int maxLine;
        private final byte[] chunk = new byte[64 * 1024];
        private int chunkPos;
        private int chunkEnd;
        private byte[] line = new byte[8 * 1024];
        private int lineLength;
        private long lineIndex = -1;
        private boolean eof;

        NdjsonSource(InputStream in, long maxLine) {
            this.in = in;
            this.maxLine = (int) Math.min(Integer.MAX_VALUE - 16, maxLine);
        }

        @Override
        public BatchEntry next() throws IOException {
            while (true) {
                if (eof && chunkPos >= chunkEnd) {
                    return null;
                }
                boolean tooLong = readLine();
                lineIndex++;
                if (tooLong) {
                    return BatchEntry.unreadable(lineIndex, "", RejectReason.TOO_LARGE,
                            List.of(Violation.tooLarge("", "the line is longer than " + maxLine + " bytes")));
                }
                if (isBlank()) {
                    if (eof && chunkPos >= chunkEnd) {
                        return null;
                    }
                    continue;
                }
                return parseLine();
            }
        }

        /** Reads up to the next newline into {@code line}; true when it was longer than the limit (the rest is skipped). */
        private boolean readLine() throws IOException {
            lineLength = 0;
            boolean tooLong = false;
            while (true) {
                if (chunkPos >= chunkEnd) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        eof = true;
                        chunkPos = chunkEnd = 0;
                        return tooLong;
                    }
                    chunkPos = 0;
                    chunkEnd = n;
                }
                int start = chunkPos;
                int newline = -1;
                for (int i = start; i < chunkEnd; i++) {
                    if (chunk[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                int end = newline >= 0 ? newline : chunkEnd;
                int n = end - start;
                if (!tooLong) {
                    if (lineLength + n > maxLine) {
                        tooLong = true;
                        lineLength = 0;
                    } else {
                        if (lineLength + n > line.length) {
                            line = Arrays.copyOf(line, Math.min(maxLine, Math.max(line.length * 2, lineLength + n)));
                        }
                        System.arraycopy(chunk, start, line, lineLength, n);
                        lineLength += n;
                    }
                }
                chunkPos = newline >= 0 ? newline + 1 : chunkEnd;
                if (newline >= 0) {
                    return tooLong;
                }
            }
        }

        private boolean isBlank() {
            for (int i = 0; i < lineLength; i++) {
                byte b = line[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        private boolean isWellFormed() {
            try (JsonParser parser = resultReader.createParser(line, 0, lineLength)) {
                while (parser.nextToken() != null) {
                    // syntax only
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private BatchEntry parseLine() {
            int invalid = Utf8Check.firstInvalid(line, 0, lineLength);
            if (invalid >= 0) {
                return BatchEntry.unreadable(lineIndex, "", RejectReason.MALFORMED,
                        List.of(Violation.invalid("", "the line is not valid UTF-8 (byte " + invalid + " of the line)")));
            }
            try (JsonParser parser = resultReader.createParser(line, 0, lineLength)) {
                parser.nextToken();
                TestResult result = resultReader.readValue(parser);
                if (parser.nextToken() != null) {
                    return BatchEntry.unreadable(lineIndex, "", RejectReason.MALFORMED,
                            List.of(Violation.invalid("", "content after the JSON document on this line")));
                }
                if (result == null) {
                    return BatchEntry.unreadable(lineIndex, "", RejectReason.INVALID, List.of(Violation.invalid("", NOT_AN_OBJECT)));
                }
                return BatchEntry.parsed(lineIndex, "", result);
            } catch (JsonMappingException wrongShape) {
                if (!isWellFormed()) { // Jackson reports a document cut off inside an object as a mapping error
                    return BatchEntry.unreadable(lineIndex, "", RejectReason.MALFORMED,
                            List.of(Violation.invalid("", "the line is not a complete JSON document")));
                }
                return BatchEntry.unreadable(lineIndex, "", RejectReason.INVALID, List.of(violation(wrongShape)));
            } catch (StreamConstraintsException limit) {
                return BatchEntry.unreadable(lineIndex, "", RejectReason.INVALID,
                        List.of(Violation.invalid(pointerAt(limit), constraintMessage(limit))));
            } catch (JsonProcessingException syntax) {
                return BatchEntry.unreadable(lineIndex, "", RejectReason.MALFORMED,
                        List.of(Violation.invalid(pointerAt(syntax), syntaxMessage(syntax))));
            } catch (IOException unexpected) {
                return BatchEntry.unreadable(lineIndex, "", RejectReason.MALFORMED,
                        List.of(Violation.invalid("", "could not be read")));
            }
        }
    }

    // ---- Jackson failures to problems -------------------------------------------------------------

    /** A failure that refuses the whole body. */
    ProblemException whole(IOException e, String prefix) {
        if (e instanceof BodyTooLargeException tooLarge) {
            return new ProblemException(Problems.tooLarge("the body is larger than " + tooLarge.limit() + " bytes",
                    List.of(FieldError.pointer("", "larger than " + tooLarge.limit() + " bytes"))));
        }
        if (e instanceof InvalidUtf8Exception notUtf8) {
            String message = "the body is not valid UTF-8 (byte " + notUtf8.offset() + ")";
            return new ProblemException(Problems.malformed(message, List.of(FieldError.pointer("", message))));
        }
        if (e instanceof JsonMappingException wrongShape) {
            Violation violation = violation(wrongShape);
            return new ProblemException(Problems.invalid(violation.pointer() + " " + violation.message(),
                    List.of(FieldError.of(violation))));
        }
        if (e instanceof StreamConstraintsException limit) {
            String pointer = prefix + pointerAt(limit);
            return new ProblemException(Problems.invalid(constraintMessage(limit),
                    List.of(FieldError.pointer(pointer, constraintMessage(limit)))));
        }
        if (e instanceof JsonProcessingException syntax) {
            String pointer = prefix + pointerAt(syntax);
            String message = syntaxMessage(syntax);
            return new ProblemException(Problems.malformed(message, List.of(FieldError.pointer(pointer, message))));
        }
        // the client went away or the connection broke: nothing sensible to answer, but never a 500
        return new ProblemException(Problems.malformed("the body could not be read", null));
    }

    /** The field a databind failure points at, with a message in the API's words (no Java types). */
    static Violation violation(JsonMappingException e) {
        String pointer = pointer(e);
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException format && format.getTargetType() == java.time.Instant.class) {
            message = "must be an ISO-8601 date-time with an offset, e.g. 2026-03-01T10:00:00Z";
        } else if (e instanceof MismatchedInputException mismatch) {
            message = expected(mismatch.getTargetType());
        } else {
            message = "has a value that cannot be read";
        }
        return Violation.invalid(pointer, message);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong JSON type";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == java.time.Instant.class) {
            return "must be an ISO-8601 date-time string, e.g. 2026-03-01T10:00:00Z";
        }
        if (type == TestStatus.class) {
            return "must be \"ok\" or \"failed\"";
        }
        if (Map.class.isAssignableFrom(type) || type == TestResult.class || type == RouterProfile.class) {
            return NOT_AN_OBJECT;
        }
        if (List.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        return "has the wrong JSON type";
    }

    static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(Validation.escapePointer(reference.getFieldName()));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    static String pointerAt(JsonProcessingException e) {
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            JsonStreamContext context = read.getProcessor().getParsingContext();
            if (context != null) {
                // the context of a field name being read points one level up: name the field being read
                return context.pathAsPointer().toString();
            }
        }
        return "";
    }

    static String syntaxMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = "is not valid JSON";
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message = message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return "not valid JSON: " + message;
    }

    static String constraintMessage(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("nesting depth")) {
            return "nests deeper than " + JacksonCustomizer.MAX_NESTING_DEPTH + " levels (result allows " + Validation.MAX_DEPTH + ")";
        }
        return "exceeds a JSON processing limit";
    }
}
