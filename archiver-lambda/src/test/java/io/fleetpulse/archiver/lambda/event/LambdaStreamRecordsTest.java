package io.fleetpulse.archiver.lambda.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import software.amazon.awssdk.core.SdkBytes;

class LambdaStreamRecordsTest {

    @Test
    void everyAttributeTypeBecomesTheSdksAndTheEventIdIsTheOrigin() {
        Map<String, AttributeValue> image = Map.of(
                "s", new AttributeValue().withS("text"),
                "n", new AttributeValue().withN("1.50"),
                "b", new AttributeValue().withB(bytes("raw")),
                "ss", new AttributeValue().withSS("a", "b"),
                "ns", new AttributeValue().withNS("1", "2"),
                "bs", new AttributeValue().withBS(bytes("x"), bytes("y")),
                "m", new AttributeValue().withM(Map.of("inner", new AttributeValue().withBOOL(true))),
                "l", new AttributeValue().withL(new AttributeValue().withS("first"), new AttributeValue().withNULL(true)));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("e-1");
        record.setEventName("REMOVE");
        record.setUserIdentity(new Identity().withPrincipalId("dynamodb.amazonaws.com").withType("Service"));
        record.setDynamodb(new StreamRecord().withSequenceNumber("42").withApproximateCreationDateTime(new Date(60_000))
                .withKeys(Map.of("PK", new AttributeValue().withS("ROUTER#r"))).withOldImage(image));

        var converted = LambdaStreamRecords.from(record);

        assertThat(converted.shardId()).isEqualTo("lambda-e-1");
        assertThat(converted.sequenceNumber()).isEqualTo("42");
        assertThat(converted.eventName()).isEqualTo("REMOVE");
        assertThat(converted.approximateCreation().toEpochMilli()).isEqualTo(60_000);
        assertThat(converted.principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(converted.identityType()).isEqualTo("Service");
        assertThat(converted.newImage()).isNull();
        assertThat(converted.keys()).containsEntry("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ROUTER#r"));
        var old = converted.oldImage();
        assertThat(old.get("s").s()).isEqualTo("text");
        assertThat(old.get("n").n()).isEqualTo("1.50");
        assertThat(old.get("b").b()).isEqualTo(SdkBytes.fromUtf8String("raw"));
        assertThat(old.get("ss").ss()).containsExactly("a", "b");
        assertThat(old.get("ns").ns()).containsExactly("1", "2");
        assertThat(old.get("bs").bs()).containsExactly(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y"));
        assertThat(old.get("m").m().get("inner").bool()).isTrue();
        assertThat(old.get("l").l().get(0).s()).isEqualTo("first");
        assertThat(old.get("l").l().get(1).nul()).isTrue();
    }

    @Test
    void aValueOfNoKnownTypeIsRefused() {
        assertThatThrownBy(() -> LambdaStreamRecords.value(new AttributeValue())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventWithoutRecordsIsAnEmptyBatch() {
        assertThat(LambdaStreamRecords.from(new DynamodbEvent())).isEqualTo(List.of());
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
