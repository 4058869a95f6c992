package io.fleetpulse.ingest.rest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (RFC 3629) by the JDK's decoder with {@link CodingErrorAction#REPORT}: no overlong forms, no surrogates,
 * nothing beyond U+10FFFF, no cut-off sequences. Jackson's byte parser rejects most malformed input but decodes
 * overlong forms ({@code C0 AF} as {@code /}) and code points past U+10FFFF; bodies are checked here first so that no
 * such text is ever stored. ASCII, most of a body, is passed over without decoding. Offsets name the first byte of
 * the malformed (or cut-off) sequence.
 */
final class Utf8Check {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);

    /**
     * Decodes {@code in} from its position; at an error returns its offset from the position the call started at,
     * otherwise -1 with the bytes of a sequence still open (only when not {@code last}) left in {@code in}.
     */
    int decode(ByteBuffer in, boolean last) {
        int start = in.position();
        if (chars.capacity() < in.remaining()) {
            chars = CharBuffer.allocate(in.remaining());
        }
        chars.clear();
        CoderResult result = decoder.decode(in, chars, last);
        if (result.isError() || (last && in.hasRemaining())) {
            decoder.reset();
            return in.position() - start;
        }
        return -1;
    }

    /** The offset from {@code from} of the first byte of {@code bytes[from, to)} that is not strict UTF-8, or -1. */
    static int firstInvalid(byte[] bytes, int from, int to) {
        int firstNonAscii = firstNonAscii(bytes, from, to);
        if (firstNonAscii == to) {
            return -1;
        }
        int invalid = new Utf8Check().decode(ByteBuffer.wrap(bytes, firstNonAscii, to - firstNonAscii), true);
        return invalid < 0 ? -1 : firstNonAscii - from + invalid;
    }

    static int firstNonAscii(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && bytes[i] >= 0) {
            i++;
        }
        return i;
    }
}
