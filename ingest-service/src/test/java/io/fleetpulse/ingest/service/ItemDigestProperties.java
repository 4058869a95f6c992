package io.fleetpulse.ingest.service;

import io.fleetpulse.model.digest.ItemDigest;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The digest a batch keeps of an item it no longer holds must decide duplicates exactly as
 * {@link ItemEquality} does: equal digests exactly for items that are the same.
 */
class ItemDigestProperties {

    @Property(tries = 400)
    void digestsAreEqualExactlyWhenItemsAreTheSame(@ForAll("items") Map<String, AttributeValue> item, @ForAll Random random) {
        Map<String, AttributeValue> variant = variantOf(item, random);
        boolean same = ItemEquality.same(item, variant);
        Statistics.label("same").collect(same);
        Statistics.label("same").coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 10);
            coverage.check(false).percentage(p -> p > 10);
        });
        assertThat(Arrays.equals(ItemDigest.of(item), ItemDigest.of(variant))).as("digests equal").isEqualTo(same);
    }

    @Example
    void numbersAreComparedByValueAndNamesInAnyOrder() {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put("x", AttributeValue.fromN("1.50"));
        a.put("y", AttributeValue.fromNs(List.of("1", "2.0", "2")));
        a.put("z", AttributeValue.fromN("0.000"));
        Map<String, AttributeValue> b = new LinkedHashMap<>();
        b.put("z", AttributeValue.fromN("0"));
        b.put("y", AttributeValue.fromNs(List.of("2", "1.00")));
        b.put("x", AttributeValue.fromN("15E-1"));
        assertThat(ItemEquality.same(a, b)).isTrue();
        assertThat(ItemDigest.of(a)).isEqualTo(ItemDigest.of(b));
    }

    @Example
    void valuesThatSerializeAlikeWithoutTypesOrLengthsDiffer() {
        Map<String, AttributeValue> string = Map.of("a", AttributeValue.fromS("1"));
        Map<String, AttributeValue> number = Map.of("a", AttributeValue.fromN("1"));
        assertThat(ItemDigest.of(string)).isNotEqualTo(ItemDigest.of(number));
        Map<String, AttributeValue> split = Map.of("a", AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromS("c"))));
        Map<String, AttributeValue> other = Map.of("a", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromS("bc"))));
        assertThat(ItemDigest.of(split)).isNotEqualTo(ItemDigest.of(other));
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> items() {
        return maps(Arbitraries.recursive(this::leaves, this::containers, 0, 3));
    }

    private Arbitrary<AttributeValue> leaves() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('a', 'd').withChars('"', '\n', 'é').ofMaxLength(4);
        Arbitrary<String> number = Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000"))
                .ofScale(2).map(BigDecimal::toPlainString);
        return Arbitraries.oneOf(
                text.map(AttributeValue::fromS),
                number.map(AttributeValue::fromN),
                Arbitraries.of(true, false).map(AttributeValue::fromBool),
                Arbitraries.just(AttributeValue.fromNul(true)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3).map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b))),
                text.list().ofMinSize(1).ofMaxSize(3).map(AttributeValue::fromSs),
                number.list().ofMinSize(1).ofMaxSize(3).map(AttributeValue::fromNs));
    }

    private Arbitrary<AttributeValue> containers(Arbitrary<AttributeValue> elements) {
        return Arbitraries.oneOf(
                maps(elements).map(AttributeValue::fromM),
                elements.list().ofMaxSize(3).map(AttributeValue::fromL));
    }

    private static Arbitrary<Map<String, AttributeValue>> maps(Arbitrary<AttributeValue> values) {
        return Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2), values).ofMaxSize(4);
    }

    /**
     * A copy that keeps the content (numbers respelled, names reordered, number sets reordered or
     * repeated) and, now and then, changes one thing (a value, a type, a name, an order that matters).
     */
    private static Map<String, AttributeValue> variantOf(Map<String, AttributeValue> item, Random random) {
        Map<String, AttributeValue> copy = respelled(item, random);
        if (random.nextInt(2) == 0) {
            changeOneThing(copy, random);
        }
        return copy;
    }

    private static Map<String, AttributeValue> respelled(Map<String, AttributeValue> map, Random random) {
        List<String> names = new ArrayList<>(map.keySet());
        Collections.shuffle(names, random);
        Map<String, AttributeValue> copy = new LinkedHashMap<>();
        for (String name : names) {
            copy.put(name, respelled(map.get(name), random));
        }
        return copy;
    }

    private static AttributeValue respelled(AttributeValue value, Random random) {
        return switch (value.type()) {
            case N -> AttributeValue.fromN(respelledNumber(value.n(), random));
            case NS -> {
                List<String> numbers = new ArrayList<>();
                value.ns().forEach(n -> numbers.add(respelledNumber(n, random)));
                numbers.add(numbers.get(random.nextInt(numbers.size())));
                Collections.shuffle(numbers, random);
                yield AttributeValue.fromNs(numbers);
            }
            case M -> AttributeValue.fromM(respelled(value.m(), random));
            case L -> AttributeValue.fromL(value.l().stream().map(element -> respelled(element, random)).toList());
            default -> value;
        };
    }

    private static String respelledNumber(String n, Random random) {
        BigDecimal value = new BigDecimal(n);
        return switch (random.nextInt(3)) {
            case 0 -> value.stripTrailingZeros().toPlainString();
            case 1 -> value.setScale(value.scale() + 2).toPlainString();
            default -> value.stripTrailingZeros().toString();
        };
    }

    private static void changeOneThing(Map<String, AttributeValue> map, Random random) {
        if (map.isEmpty() || random.nextInt(5) == 0) {
            map.put("new" + random.nextInt(3), AttributeValue.fromS("x"));
            return;
        }
        List<String> names = new ArrayList<>(map.keySet());
        String name = names.get(random.nextInt(names.size()));
        AttributeValue value = map.get(name);
        switch (random.nextInt(4)) {
            case 0 -> map.remove(name);
            case 1 -> map.put(name, changed(value, random));
            case 2 -> map.put(name, AttributeValue.fromS(value.type() == AttributeValue.Type.S ? value.s() + "x" : value.toString()));
            default -> {
                if (value.type() == AttributeValue.Type.M && !value.m().isEmpty()) {
                    Map<String, AttributeValue> inner = new LinkedHashMap<>(value.m());
                    changeOneThing(inner, random);
                    map.put(name, AttributeValue.fromM(inner));
                } else {
                    map.put(name, changed(value, random));
                }
            }
        }
    }

    private static AttributeValue changed(AttributeValue value, Random random) {
        return switch (value.type()) {
            case S -> AttributeValue.fromS(value.s() + "!");
            case N -> AttributeValue.fromN(new BigDecimal(value.n()).add(new BigDecimal("0.01")).toPlainString());
            case BOOL -> AttributeValue.fromBool(!value.bool());
            case NUL -> AttributeValue.fromBool(true);
            case B -> AttributeValue.fromB(SdkBytes.fromByteArray(concat(value.b().asByteArray(), (byte) random.nextInt())));
            case SS -> {
                List<String> texts = new ArrayList<>(value.ss());
                texts.add(texts.get(0));
                yield AttributeValue.fromSs(texts);
            }
            case NS -> {
                List<String> numbers = new ArrayList<>(value.ns());
                numbers.add("0.5");
                numbers.add("12345.67");
                yield AttributeValue.fromNs(numbers);
            }
            case L -> {
                List<AttributeValue> elements = new ArrayList<>(value.l());
                elements.add(AttributeValue.fromNul(true));
                yield AttributeValue.fromL(elements);
            }
            case M -> {
                Map<String, AttributeValue> inner = new LinkedHashMap<>(value.m());
                changeOneThing(inner, random);
                yield AttributeValue.fromM(inner);
            }
            default -> AttributeValue.fromS("?");
        };
    }

    private static byte[] concat(byte[] bytes, byte extra) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = extra;
        return longer;
    }
}
