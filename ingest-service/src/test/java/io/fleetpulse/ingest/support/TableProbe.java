package io.fleetpulse.ingest.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads the table the way a test checks it: one router's partition (Query) or one item (GetItem), never a Scan. */
public final class TableProbe {

    private final DynamoDbClient dynamo;
    private final String table;

    public TableProbe(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Every item of the router's partition (results, profile, ...), strongly consistent. */
    public List<Map<String, AttributeValue>> partition(String routerId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", Attr.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.routerPk(routerId))))
                    .consistentRead(true);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    public int count(String routerId) {
        return partition(routerId).size();
    }

    public Optional<Map<String, AttributeValue>> result(String routerId, Instant timestamp, String testId) {
        var response = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(Attr.PK, AttributeValue.fromS(Keys.routerPk(routerId)),
                        Attr.SK, AttributeValue.fromS(Keys.resultSk(timestamp, testId)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    public static String testId(Map<String, AttributeValue> item) {
        return item.get(TestResultMapper.TEST_ID).s();
    }
}
