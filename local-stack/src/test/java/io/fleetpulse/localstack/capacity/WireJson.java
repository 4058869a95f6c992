package io.fleetpulse.localstack.capacity;

import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Test helper: SDK attribute values in DynamoDB's JSON wire spelling (what the SDK sends). */
final class WireJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireJson() {
    }

    static String item(Map<String, AttributeValue> item) {
        return object(item).toString();
    }

    private static ObjectNode object(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode binaries = node.putArray("BS");
                value.bs().forEach(b -> binaries.add(base64(b)));
            }
            case L -> {
                ArrayNode elements = node.putArray("L");
                value.l().forEach(element -> elements.add(value(element)));
            }
            case M -> node.set("M", object(value.m()));
            default -> throw new IllegalArgumentException(value.type().toString());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
