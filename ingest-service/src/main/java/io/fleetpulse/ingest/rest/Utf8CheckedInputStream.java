package io.fleetpulse.ingest.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Passes a body through while it is strict UTF-8 ({@link Utf8Check}); fails with {@link InvalidUtf8Exception} where it is not. */
final class Utf8CheckedInputStream extends FilterInputStream {

    private final Utf8Check check = new Utf8Check();
    /** A sequence cut by the end of a read, completed by the next one (at most 3 bytes). */
    private final byte[] open = new byte[3];
    private int openLength;
    /** Bytes passed through so far. */
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
            check(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        int n = super.read(buffer, from, length);
        if (n < 0) {
            end();
        } else {
            check(buffer, from, n);
        }
        return n;
    }

    private void check(byte[] buffer, int from, int n) throws InvalidUtf8Exception {
        long chunkStart = offset;
        offset += n;
        ByteBuffer in;
        long inStart; // stream offset of in's first byte
        if (openLength == 0) {
            int firstNonAscii = Utf8Check.firstNonAscii(buffer, from, from + n);
            if (firstNonAscii == from + n) {
                return;
            }
            in = ByteBuffer.wrap(buffer, firstNonAscii, from + n - firstNonAscii).slice();
            inStart = chunkStart + firstNonAscii - from;
        } else {
            in = ByteBuffer.allocate(openLength + n).put(open, 0, openLength).put(buffer, from, n).flip();
            inStart = chunkStart - openLength;
        }
        int invalid = check.decode(in, false);
        if (invalid >= 0) {
            throw new InvalidUtf8Exception(inStart + invalid);
        }
        openLength = in.remaining();
        in.get(open, 0, openLength);
    }

    private void end() throws InvalidUtf8Exception {
        if (openLength > 0) {
            throw new InvalidUtf8Exception(offset - openLength);
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
