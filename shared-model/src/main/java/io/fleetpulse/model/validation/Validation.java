package io.fleetpulse.model.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.mapping.Numbers;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Input rules of the table. Every check names the offending field as a JSON Pointer, so the HTTP
 * layer can answer with an RFC 9457 problem that points at it. Ids can never carry {@code #}
 * (the key separator) or control characters.
 */
public final class Validation {

    /** router_id, test_id, location, isp. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    public static final Pattern TEST_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** Names inside {@code result}: no dots, since aggregate metrics are named by dotted paths. */
    public static final Pattern RESULT_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** DynamoDB's nesting limit for documents. */
    public static final int MAX_DEPTH = 32;
    public static final int MAX_TEXT_LENGTH = 256;

    private Validation() {
    }

    /**
     * Checks a result before it is stored. {@code retention} is how long results are kept: a result
     * whose timestamp is already past it would be expired on arrival.
     */
    public static List<Violation> testResult(TestResult result, Instant now, Duration retention) {
        List<Violation> violations = new ArrayList<>();
        id(result.routerId(), "/router_id", true, violations);
        id(result.testId(), "/test_id", false, violations);
        if (result.testType() == null) {
            violations.add(Violation.invalid("/test_type", "is required"));
        } else if (!TEST_TYPE.matcher(result.testType()).matches()) {
            violations.add(Violation.invalid("/test_type", "must match " + TEST_TYPE.pattern()));
        }
        timestamp(result.timestamp(), now, retention, violations);
        if (result.status() == null) {
            violations.add(Violation.invalid("/status", "is required and must be 'ok' or 'failed'"));
        }
        id(result.location(), "/location", true, violations);
        id(result.isp(), "/isp", true, violations);
        if (result.result() == null) {
            violations.add(Violation.invalid("/result", "is required (an object of measurements)"));
        } else {
            document(result.result(), "/result", 1, violations);
        }
        if (result.raw() != null && hasLoneSurrogate(result.raw())) {
            violations.add(Violation.invalid("/raw", "is not valid Unicode text"));
        }
        return violations;
    }

    public static List<Violation> routerProfile(RouterProfile profile) {
        List<Violation> violations = new ArrayList<>();
        id(profile.routerId(), "/router_id", true, violations);
        id(profile.location(), "/location", true, violations);
        id(profile.isp(), "/isp", true, violations);
        text(profile.model(), "/model", violations);
        text(profile.firmware(), "/firmware", violations);
        if (profile.registeredAt() != null && !TimeKey.inRange(profile.registeredAt())) {
            violations.add(Violation.invalid("/registered_at", "must be between years 0000 and 9999"));
        }
        return violations;
    }

    /** A path or query id: router_id, location, isp. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isTestType(String value) {
        return value != null && TEST_TYPE.matcher(value).matches();
    }

    /**
     * Checks the stored form: item size against DynamoDB's 400 KB, and every key attribute against
     * the key size limits.
     */
    public static List<Violation> storedItem(Map<String, AttributeValue> item) {
        List<Violation> violations = new ArrayList<>();
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            violations.add(Violation.tooLarge("", "the stored item would be " + size + " bytes; DynamoDB allows "
                    + ItemSize.MAX_ITEM_BYTES));
        }
        for (String name : List.of(Attr.PK, Attr.GSI1PK, Attr.GSI2PK, Attr.GSI3PK)) {
            keyLength(item, name, ItemSize.MAX_PARTITION_KEY_BYTES, violations);
        }
        for (String name : List.of(Attr.SK, Attr.GSI1SK, Attr.GSI2SK, Attr.GSI3SK)) {
            keyLength(item, name, ItemSize.MAX_SORT_KEY_BYTES, violations);
        }
        return violations;
    }

    private static void keyLength(Map<String, AttributeValue> item, String name, int limit, List<Violation> violations) {
        AttributeValue value = item.get(name);
        if (value != null && value.s() != null && ItemSize.utf8Length(value.s()) > limit) {
            violations.add(Violation.tooLarge("", "key " + name + " would exceed " + limit + " bytes"));
        }
    }

    private static void id(String value, String pointer, boolean required, List<Violation> violations) {
        if (value == null) {
            if (required) {
                violations.add(Violation.invalid(pointer, "is required"));
            }
        } else if (!ID.matcher(value).matches()) {
            violations.add(Violation.invalid(pointer, "must be 1-64 characters of letters, digits, '_', '.', ':' or '-',"
                    + " starting with a letter or digit"));
        }
    }

    private static void text(String value, String pointer, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            violations.add(Violation.invalid(pointer, "must be at most " + MAX_TEXT_LENGTH + " characters"));
        } else if (hasLoneSurrogate(value) || value.chars().anyMatch(Character::isISOControl)) {
            violations.add(Violation.invalid(pointer, "must not contain control characters"));
        }
    }

    private static void timestamp(Instant timestamp, Instant now, Duration retention, List<Violation> violations) {
        if (timestamp == null) {
            violations.add(Violation.invalid("/timestamp", "is required (ISO-8601, e.g. 2026-03-01T10:00:00Z)"));
        } else if (timestamp.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            violations.add(Violation.invalid("/timestamp", "is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes in the future"));
        } else if (!TimeKey.inRange(timestamp)) {
            violations.add(Violation.invalid("/timestamp", "must be between years 0000 and 9999"));
        } else if (retention != null && !timestamp.plus(retention).isAfter(now)) {
            violations.add(Violation.expired("/timestamp", "is older than the retention of " + retention.toDays()
                    + " days: it would expire on arrival"));
        }
    }

    private static void document(Object value, String pointer, int depth, List<Violation> violations) {
        if (depth > MAX_DEPTH && (value instanceof Map<?, ?> || value instanceof List<?>)) {
            violations.add(Violation.invalid(pointer, "nests deeper than " + MAX_DEPTH + " levels"));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = pointer + "/" + escapePointer(key);
                if (!RESULT_KEY.matcher(key).matches()) {
                    violations.add(Violation.invalid(child, "name must match " + RESULT_KEY.pattern()));
                    continue;
                }
                document(entry.getValue(), child, depth + 1, violations);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                document(list.get(i), pointer + "/" + i, depth + 1, violations);
            }
        } else if (value instanceof Number number) {
            BigDecimal decimal;
            try {
                decimal = Numbers.toDecimal(number);
            } catch (NumberFormatException notFinite) {
                violations.add(Violation.invalid(pointer, "must be a finite number"));
                return;
            }
            if (!Numbers.storable(decimal)) {
                violations.add(Violation.invalid(pointer, "must have at most 38 significant digits and a magnitude"
                        + " between 1E-130 and 9.99E+125"));
            }
        } else if (value instanceof String text) {
            if (hasLoneSurrogate(text)) {
                violations.add(Violation.invalid(pointer, "is not valid Unicode text"));
            }
        } else if (value != null && !(value instanceof Boolean)) {
            violations.add(Violation.invalid(pointer, "must be a number, string, boolean, object or array"));
        }
    }

    /** RFC 6901: '~' becomes '~0' and '/' becomes '~1'. */
    public static String escapePointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
