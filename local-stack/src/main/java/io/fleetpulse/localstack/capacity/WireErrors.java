package io.fleetpulse.localstack.capacity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fleetpulse.localstack.capacity.PartitionThrottle.Exceeded;
import io.fleetpulse.localstack.capacity.PartitionThrottle.Kind;

/**
 * Error answers in DynamoDB's JSON 1.0 wire format: HTTP 400 (5xx for server errors), content type
 * {@code application/x-amz-json-1.0}, body {@code {"__type": "com.amazonaws.dynamodb.v20120810#<Code>", "message": ...}},
 * a request id and the body's CRC32, so that the AWS SDKs map them to their typed exceptions.
 */
final class WireErrors {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    static final String INTERNAL_SERVER_ERROR = "InternalServerError";
    /** What the real service says for an on-demand table. */
    static final String THROUGHPUT_EXCEEDED_MESSAGE = "Throughput exceeds the current capacity of your table or index. "
            + "DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, "
            + "check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private WireErrors() {
    }

    /** ProvisionedThroughputExceededException with its ThrottlingReasons entry naming the limit and the resource. */
    static WireResponse throughputExceeded(Exceeded exceeded, TableKeys keys) {
        ObjectNode body = error(THROUGHPUT_EXCEEDED, THROUGHPUT_EXCEEDED_MESSAGE);
        ArrayNode reasons = body.putArray("ThrottlingReasons");
        reasons.addObject()
                .put("reason", reason(exceeded))
                .put("resource", keys.resource(exceeded.partition().index()));
        return answer(400, body);
    }

    /** TransactionCanceledException: ThrottlingError for each refused item, None for the others, in request order. */
    static WireResponse transactionThrottled(List<Boolean> refused) {
        List<String> codes = refused.stream().map(r -> r ? "ThrottlingError" : "None").toList();
        ObjectNode body = error("TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes);
        ArrayNode reasons = body.putArray("CancellationReasons");
        for (String code : codes) {
            ObjectNode reason = reasons.addObject().put("Code", code);
            if (!code.equals("None")) {
                reason.put("Message", THROUGHPUT_EXCEEDED_MESSAGE);
            }
        }
        return answer(400, body);
    }

    /** ProvisionedThroughputExceededException of {@link FaultInjection}: no bucket to name, so no ThrottlingReasons. */
    static WireResponse injectedThrottle() {
        return answer(400, error(THROUGHPUT_EXCEEDED, THROUGHPUT_EXCEEDED_MESSAGE));
    }

    static WireResponse internalServerError(String message) {
        return answer(500, error(INTERNAL_SERVER_ERROR, message));
    }

    /** ResourceType + OperationType + LimitType, e.g. {@code IndexWriteKeyRangeThroughputExceeded}. */
    static String reason(Exceeded exceeded) {
        return (exceeded.partition().index() == null ? "Table" : "Index")
                + (exceeded.kind() == Kind.READ ? "Read" : "Write")
                + (exceeded.partition().isTableLevel() ? "AccountLimitExceeded" : "KeyRangeThroughputExceeded");
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", NAMESPACE + code);
        body.put("message", message);
        return body;
    }

    private static WireResponse answer(int status, ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new WireResponse(status, Map.of(
                "Content-Type", List.of(CONTENT_TYPE),
                "x-amzn-RequestId", List.of(requestId()),
                WireResponse.CRC32_HEADER, List.of(WireResponse.crc32(bytes))), bytes);
    }

    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARACTERS[random.nextInt(ID_CHARACTERS.length)];
        }
        return new String(id);
    }
}
