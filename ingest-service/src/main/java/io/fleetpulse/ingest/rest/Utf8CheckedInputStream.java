package io.fleetpulse.ingest.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a body through while it is strict UTF-8 ({@link Utf8Check}); fails with {@link InvalidUtf8Exception} where it is not. */
final class Utf8CheckedInputStream extends FilterInputStream {

    private final Utf8Check check = new Utf8Check();
    private long offset;

    Utf8CheckedInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        int n = super.read(buffer, from, length);
        if (n < 0) {
            end();
        }
        for (int i = from; i < from + n; i++) {
            byte b = buffer[i];
            if (b < 0 || !check.complete()) {
                check(b);
            } else {
                offset++;
            }
        }
        return n;
    }

    private void check(int b) throws InvalidUtf8Exception {
        if (!check.accept(b)) {
            throw new InvalidUtf8Exception(offset);
        }
        offset++;
    }

    private void end() throws InvalidUtf8Exception {
        if (!check.complete()) {
            throw new InvalidUtf8Exception(offset);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes unchecked");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
