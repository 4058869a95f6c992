package io.fleetpulse.localstack.capacity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.model.validation.ItemSize;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items and attribute values as DynamoDB's JSON wire protocol spells them ({@code {"S": "x"}},
 * {@code {"M": {...}}}, binaries in base64), converted to the SDK's model so that shared-model's
 * {@link ItemSize} counts them by DynamoDB's rules.
 */
final class WireItems {

    private WireItems() {
    }

    /** Bytes of an item ({@code {"name": {"S": ...}, ...}}) as DynamoDB counts them; 0 for a missing item. */
    static long bytes(JsonNode item) {
        return item == null || !item.isObject() ? 0 : ItemSize.of(item(item));
    }

    /** Bytes of the attribute values of an object (e.g. ExpressionAttributeValues), without their names. */
    static long valueBytes(JsonNode values) {
        long bytes = 0;
        if (values != null && values.isObject()) {
            for (JsonNode value : values) {
                bytes += ItemSize.valueSize(value(value));
            }
        }
        return bytes;
    }

    static Map<String, AttributeValue> item(JsonNode item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            attributes.put(field.getKey(), value(field.getValue()));
        }
        return attributes;
    }

    static AttributeValue value(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.fields().next();
        JsonNode content = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(content.asText());
            case "N" -> AttributeValue.fromN(content.asText());
            case "B" -> AttributeValue.fromB(binary(content));
            case "BOOL" -> AttributeValue.fromBool(content.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(content));
            case "NS" -> AttributeValue.fromNs(texts(content));
            case "BS" -> {
                List<SdkBytes> binaries = new ArrayList<>(content.size());
                content.forEach(element -> binaries.add(binary(element)));
                yield AttributeValue.fromBs(binaries);
            }
            case "L" -> {
                List<AttributeValue> elements = new ArrayList<>(content.size());
                content.forEach(element -> elements.add(value(element)));
                yield AttributeValue.fromL(elements);
            }
            case "M" -> AttributeValue.fromM(item(content));
            default -> throw new IllegalArgumentException("unknown attribute type " + typed.getKey());
        };
    }

    /**
     * A key attribute's value as one string, equal for equal keys ({@code N} normalised: 1 and 1.0
     * are the same key); null when the attribute is missing or not a key type.
     */
    static String keyValue(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            return null;
        }
        Map.Entry<String, JsonNode> typed = value.fields().next();
        String text = typed.getValue().asText();
        return switch (typed.getKey()) {
            case "S", "B" -> typed.getKey() + ":" + text;
            case "N" -> "N:" + new BigDecimal(text).stripTrailingZeros().toPlainString();
            default -> null;
        };
    }

    private static SdkBytes binary(JsonNode content) {
        return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(content.asText()));
    }

    private static List<String> texts(JsonNode content) {
        List<String> texts = new ArrayList<>(content.size());
        content.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
