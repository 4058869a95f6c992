package io.fleetpulse.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8CheckTest {

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void everyCodePointEncodedByTheJdkIsValid() {
        StringBuilder text = new StringBuilder("plain ASCII, é, €, \uFFFF, \uD83D\uDE00, ");
        text.appendCodePoint(0x10FFFF).appendCodePoint(0x80).appendCodePoint(0x7FF).appendCodePoint(0x800).appendCodePoint(0x10000);
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Check.firstInvalid(utf8, 0, utf8.length)).isEqualTo(-1);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("stray continuation byte", bytes('a', 0x80), 1),
                Arguments.of("overlong '/' in two bytes", bytes('a', 0xC0, 0xAF), 1),
                Arguments.of("overlong DEL", bytes(0xC1, 0xBF), 0),
                Arguments.of("overlong '/' in three bytes", bytes(0xE0, 0x80, 0xAF), 0),
                Arguments.of("overlong in four bytes", bytes(0xF0, 0x8F, 0xBF, 0xBF), 0),
                Arguments.of("a UTF-16 surrogate", bytes(0xED, 0xA0, 0x80), 0),
                Arguments.of("past U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80), 0),
                Arguments.of("F5 lead byte", bytes(0xF5, 0x80, 0x80, 0x80), 0),
                Arguments.of("FF", bytes('a', 'b', 0xFF), 2),
                Arguments.of("cut off before a new lead", bytes(0xE2, 0x82, 'a'), 0),
                Arguments.of("cut off at the end", bytes('a', 0xF0, 0x9F, 0x98), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void malformedSequencesAreFoundWhereTheyStart(String name, byte[] input, int offset) {
        assertThat(Utf8Check.firstInvalid(input, 0, input.length)).isEqualTo(offset);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void theCheckedStreamFailsAtTheSameByteHoweverTheReadsAreCut(String name, byte[] input, int offset) {
        assertThatThrownBy(() -> readOneByOne(new Utf8CheckedInputStream(new ByteArrayInputStream(input))))
                .isInstanceOfSatisfying(InvalidUtf8Exception.class, e -> assertThat(e.offset()).isEqualTo(offset));
        assertThatThrownBy(() -> new Utf8CheckedInputStream(new ByteArrayInputStream(input)).readAllBytes())
                .isInstanceOfSatisfying(InvalidUtf8Exception.class, e -> assertThat(e.offset()).isEqualTo(offset));
    }

    @Test
    void aSequenceSplitAcrossReadsIsValid() throws IOException {
        byte[] euro = "a€b".getBytes(StandardCharsets.UTF_8);
        InputStream checked = new Utf8CheckedInputStream(new ByteArrayInputStream(euro));
        byte[] buffer = new byte[2];
        int total = 0;
        for (int n; (n = checked.read(buffer, 0, 2)) > 0;) {
            total += n;
        }
        assertThat(total).isEqualTo(euro.length);
    }

    private static void readOneByOne(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // drain
        }
    }
}
