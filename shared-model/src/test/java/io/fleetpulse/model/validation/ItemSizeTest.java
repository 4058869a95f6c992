package io.fleetpulse.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void stringsCountNameAndUtf8Bytes() {
        assertThat(ItemSize.of(Map.of("PK", AttributeValue.fromS("abc")))).isEqualTo(2 + 3);
        assertThat(ItemSize.of(Map.of("k", AttributeValue.fromS("é€😀")))).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void numbersCountOneBytePerTwoSignificantDigitsPlusOne() {
        assertThat(ItemSize.valueSize(AttributeValue.fromN("1"))).isEqualTo(2);
        assertThat(ItemSize.valueSize(AttributeValue.fromN("12"))).isEqualTo(2);
        assertThat(ItemSize.valueSize(AttributeValue.fromN("123"))).isEqualTo(3);
        assertThat(ItemSize.valueSize(AttributeValue.fromN("1000000"))).isEqualTo(2);
        assertThat(ItemSize.valueSize(AttributeValue.fromN("12345678901234567890123456789012345678"))).isEqualTo(20);
    }

    @Test
    void booleansNullsAndBinaries() {
        assertThat(ItemSize.valueSize(AttributeValue.fromBool(true))).isEqualTo(1);
        assertThat(ItemSize.valueSize(AttributeValue.fromNul(true))).isEqualTo(1);
        assertThat(ItemSize.valueSize(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])))).isEqualTo(10);
    }

    @Test
    void mapsAndListsCostThreeBytesPlusOnePerElement() {
        assertThat(ItemSize.valueSize(AttributeValue.fromM(Map.of()))).isEqualTo(3);
        assertThat(ItemSize.valueSize(AttributeValue.fromL(List.of()))).isEqualTo(3);
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("a", AttributeValue.fromS("xy"));
        inner.put("bb", AttributeValue.fromBool(false));
        assertThat(ItemSize.valueSize(AttributeValue.fromM(inner))).isEqualTo(3 + (1 + 1 + 2) + (1 + 2 + 1));
        assertThat(ItemSize.valueSize(AttributeValue.fromL(List.of(AttributeValue.fromS("xy"), AttributeValue.fromN("5")))))
                .isEqualTo(3 + (1 + 2) + (1 + 2));
    }

    @Test
    void storedItemRuleFlagsJustOverTheLimit() {
        String name = "data";
        int fits = ItemSize.MAX_ITEM_BYTES - name.length();
        assertThat(Validation.storedItem(Map.of(name, AttributeValue.fromS("x".repeat(fits))))).isEmpty();
        List<Violation> over = Validation.storedItem(Map.of(name, AttributeValue.fromS("x".repeat(fits + 1))));
        assertThat(over).singleElement().extracting(Violation::kind).isEqualTo(Violation.Kind.TOO_LARGE);
    }

    @Test
    void keyLengthLimits() {
        assertThat(Validation.storedItem(Map.of("PK", AttributeValue.fromS("p".repeat(2048)),
                "SK", AttributeValue.fromS("s".repeat(1024))))).isEmpty();
        assertThat(Validation.storedItem(Map.of("PK", AttributeValue.fromS("p".repeat(2049))))).hasSize(1);
        assertThat(Validation.storedItem(Map.of("GSI1SK", AttributeValue.fromS("s".repeat(1025))))).hasSize(1);
    }
}
