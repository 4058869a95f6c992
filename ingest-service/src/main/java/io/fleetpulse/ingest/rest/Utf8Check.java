package io.fleetpulse.ingest.rest;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing beyond U+10FFFF, no cut-off sequences.
 * Jackson's byte parser rejects most malformed input but decodes overlong forms ({@code C0 AF} as {@code /}) and
 * code points past U+10FFFF; bodies are checked here first so that no such text is ever stored.
 * Feed bytes in order with {@link #accept}; {@link #complete} tells whether the input may end here.
 */
final class Utf8Check {

    private int remaining;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** False when {@code b} cannot follow the bytes accepted so far. */
    boolean accept(int b) {
        b &= 0xFF;
        if (remaining > 0) {
            if (b < lower || b > upper) {
                return false;
            }
            remaining--;
            lower = 0x80;
            upper = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            remaining = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            remaining = 2;
            if (b == 0xE0) {
                lower = 0xA0; // below: overlong
            } else if (b == 0xED) {
                upper = 0x9F; // above: UTF-16 surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            remaining = 3;
            if (b == 0xF0) {
                lower = 0x90; // below: overlong
            } else if (b == 0xF4) {
                upper = 0x8F; // above: past U+10FFFF
            }
        } else {
            return false; // continuation byte without a lead, C0/C1 (overlong), F5-FF
        }
        return true;
    }

    /** True when no sequence is left open. */
    boolean complete() {
        return remaining == 0;
    }

    /** The offset of the first byte of {@code bytes[from, to)} that is not strict UTF-8 (to: cut off at the end), or -1. */
    static int firstInvalid(byte[] bytes, int from, int to) {
        Utf8Check check = new Utf8Check();
        for (int i = from; i < to; i++) {
            if (bytes[i] >= 0 && check.complete()) {
                continue; // ASCII
            }
            if (!check.accept(bytes[i])) {
                return i - from;
            }
        }
        return check.complete() ? -1 : to - from;
    }
}
