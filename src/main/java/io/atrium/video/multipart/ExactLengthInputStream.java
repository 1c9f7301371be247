package io.atrium.video.multipart;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A chunk's body, which must be exactly its expected size: a byte past it, or an end before it, throws
 * {@link ChunkRefusedException} from the read, so storage drops what it had written (and never more than one byte
 * past the size is read).
 */
final class ExactLengthInputStream extends FilterInputStream {

    private final long expected;
    private long count;

    ExactLengthInputStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count == expected) {
            if (in.read() >= 0) {
                throw tooLarge(expected);
            }
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, expected - count));
        if (n < 0) {
            throw new ChunkRefusedException(400, "chunk_size_invalid", "The chunk ended after " + count
                    + " bytes; this chunk is " + expected + " bytes (every chunk is chunk_size bytes but the last, "
                    + "which holds the rest).");
        }
        count += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("A chunk is read, never skipped");
    }

    static ChunkRefusedException tooLarge(long expected) {
        return new ChunkRefusedException(413, "chunk_too_large", "The chunk is larger than its " + expected
                + " bytes (every chunk is chunk_size bytes but the last, which holds the rest).");
    }
}
