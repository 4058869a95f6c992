package io.fleetpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemEqualityTest {

    private static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    @Test
    void numbersCompareByValueEverywhere() {
        Map<String, AttributeValue> a = Map.of("x", n("1.50"), "m", AttributeValue.fromM(Map.of("y", n("2"))),
                "l", AttributeValue.fromL(List.of(n("3.0"))));
        Map<String, AttributeValue> b = Map.of("x", n("1.5"), "m", AttributeValue.fromM(Map.of("y", n("2.00"))),
                "l", AttributeValue.fromL(List.of(n("3"))));
        assertThat(ItemEquality.same(a, b)).isTrue();
    }

    @Test
    void anyDifferenceCounts() {
        Map<String, AttributeValue> a = Map.of("x", n("1"), "s", AttributeValue.fromS("a"));
        assertThat(ItemEquality.same(a, Map.of("x", n("2"), "s", AttributeValue.fromS("a")))).isFalse();
        assertThat(ItemEquality.same(a, Map.of("x", n("1"), "s", AttributeValue.fromS("b")))).isFalse();
        assertThat(ItemEquality.same(a, Map.of("x", n("1")))).isFalse();
        assertThat(ItemEquality.same(a, Map.of("x", AttributeValue.fromS("1"), "s", AttributeValue.fromS("a")))).isFalse();
        assertThat(ItemEquality.same(Map.of("l", AttributeValue.fromL(List.of(n("1"), n("2")))),
                Map.of("l", AttributeValue.fromL(List.of(n("2"), n("1")))))).isFalse();
    }
}
