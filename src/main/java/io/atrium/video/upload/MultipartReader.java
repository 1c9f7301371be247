package io.atrium.video.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.http.ContentDisposition;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, so that a file part goes
 * straight from the connection to wherever it is stored: nothing is spooled, nothing is held whole in memory.
 *
 * <p>The servlet container's own parser looks for the boundary one byte at a time and writes every file part
 * to a temporary file first; for video uploads that was most of the time an upload took. Here the boundary is
 * searched with Boyer-Moore-Horspool over a large buffer, which skips about a boundary's length per step, and
 * a part's bytes are handed to the reader of its {@link Part#content()} in the buffer's large runs.
 *
 * <p>Parts are read in order: {@link #next()} skips whatever was left unread of the previous part.
 */
public final class MultipartReader {

    /** The body does not follow the multipart syntax (or ends before its closing boundary). */
    public static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    /** A part, or the whole body, is longer than the reader (or the reader of a text field) accepts. */
    public static final class TooLargeException extends IOException {
        private final String partName;
        private final long limit;

        TooLargeException(String partName, long limit) {
            super((partName == null ? "The body" : partName) + " is longer than " + limit + " bytes.");
            this.partName = partName;
            this.limit = limit;
        }

        /** The form field name of the part; {@code null} when the body as a whole is too long. */
        public String partName() {
            return partName;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * The body could not be read from the connection (the client went away, or stopped sending); the cause says
     * how. Told apart from a failure to store what was read, which is not the client's.
     */
    public static final class InterruptedBodyException extends IOException {
        InterruptedBodyException(IOException cause) {
            super("The body could not be read to its end: " + cause, cause);
        }
    }

    /**
     * One part: its form field name, the file name for a file part ({@code null} for a plain field), its
     * declared content type ({@code null} when absent) and its bytes, readable until the next boundary.
     */
    public record Part(String name, String filename, String contentType, InputStream content) {

        /** Reads the part as UTF-8 text, refusing one of more than {@code maxBytes} bytes. */
        public String text(int maxBytes) throws IOException {
            byte[] bytes = content.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new TooLargeException(name, maxBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final int BUFFER_SIZE = 256 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 100;

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] shifts = new int[256];
    private final long maxPartSize;
    private final long maxBodySize;
    private long bodyBytes;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean finished;
    private int parts;
    private PartContent current;

    /**
     * @param in the request body
     * @param boundary the boundary from the request's content type (see {@link #boundary(String)})
     * @param maxPartSize the most bytes one part may have; reading past it throws {@link TooLargeException}
     * @param maxBodySize the most bytes the whole body may have, parts skipped unread included; reading past it
     *     throws {@link TooLargeException} with no part name
     */
    public MultipartReader(InputStream in, String boundary, long maxPartSize, long maxBodySize) {
        this.in = in;
        this.maxPartSize = maxPartSize;
        this.maxBodySize = maxBodySize;
        // Every delimiter is CRLF "--" boundary; the body's first one has no CRLF before it, so one is put
        // in front of the body, which also makes a preamble an ordinary, skipped, part.
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int last = delimiter.length - 1;
        Arrays.fill(shifts, delimiter.length);
        for (int i = 0; i < last; i++) {
            shifts[delimiter[i] & 0xff] = last - i;
        }
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
        current = new PartContent("preamble");
    }

    /** The boundary of a {@code multipart/form-data} content type; empty for any other type or a bad boundary. */
    public static Optional<String> boundary(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
        if (!MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)) {
            return Optional.empty();
        }
        String boundary = type.getParameter("boundary");
        if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        // RFC 2046: 1 to 70 characters, ASCII, not ending with a space.
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            return Optional.empty();
        }
        return Optional.of(boundary);
    }

    /**
     * The next part, after skipping what is left of the previous one; {@code null} after the closing boundary.
     *
     * @throws MalformedException when the body is not well-formed multipart
     */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        current.skipRest();
        if (!available(2)) {
            throw new MalformedException("The body ends without its closing boundary.");
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            // The closing delimiter; whatever follows it (the epilogue) is ignored.
            finished = true;
            return null;
        }
        skipLinearWhitespace();
        if (!available(2) || buffer[position] != '\r' || buffer[position + 1] != '\n') {
            throw new MalformedException("A boundary is not followed by a line break.");
        }
        position += 2;
        if (++parts > MAX_PARTS) {
            throw new MalformedException("The body has more than " + MAX_PARTS + " parts.");
        }
        String name = null;
        String filename = null;
        String contentType = null;
        int headerBytes = 0;
        for (String line = headerLine(); !line.isEmpty(); line = headerLine()) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedException("A part's headers are longer than " + MAX_HEADER_BYTES + " bytes.");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("A part has a header line without a name.");
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                ContentDisposition disposition;
                try {
                    disposition = ContentDisposition.parse(value);
                } catch (RuntimeException e) {
                    // Spring's parser fails with more than IllegalArgumentException on some broken values
                    // (an unclosed quote): all of them are the client's malformed header.
                    throw new MalformedException("A part's Content-Disposition cannot be read: " + e.getMessage());
                }
                name = disposition.getName();
                filename = disposition.getFilename();
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            throw new MalformedException("A part has no Content-Disposition with a name.");
        }
        current = new PartContent(name);
        return new Part(name, filename, contentType, current);
    }

    private void skipLinearWhitespace() throws IOException {
        while (available(1) && (buffer[position] == ' ' || buffer[position] == '\t')) {
            position++;
        }
    }

    /** One header line, without its CRLF, read as UTF-8 (browsers send file names that way). */
    private String headerLine() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, position, i - position, StandardCharsets.UTF_8);
                    position = i + 2;
                    return line;
                }
            }
            int unread = limit - position;
            if (unread > MAX_HEADER_BYTES) {
                throw new MalformedException("A part's headers are longer than " + MAX_HEADER_BYTES + " bytes.");
            }
            if (!available(unread + 1)) {
                throw new MalformedException("The body ends inside a part's headers.");
            }
            // Reading more may have moved the unread bytes to the start of the buffer; the last byte already
            // looked at could be the CR of a CRLF that has just arrived.
            scanned = position + Math.max(0, unread - 1);
        }
    }

    /** Whether at least {@code count} unread bytes are in the buffer, reading more if needed. */
    private boolean available(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        fill();
        return limit - position >= count;
    }

    /** Moves the unread bytes to the start of the buffer and reads until it is full or the body ends. */
    private void fill() throws IOException {
        if (endOfInput) {
            return;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            current.shift(position);
            limit -= position;
            position = 0;
        }
        while (limit < buffer.length) {
            int read;
            try {
                read = in.read(buffer, limit, buffer.length - limit);
            } catch (IOException e) {
                throw new InterruptedBodyException(e);
            }
            if (read < 0) {
                endOfInput = true;
                return;
            }
            bodyBytes += read;
            if (bodyBytes > maxBodySize) {
                throw new TooLargeException(null, maxBodySize);
            }
            limit += read;
        }
    }

    /** Where the delimiter starts in {@code buffer[from, to)}, or -1 (Boyer-Moore-Horspool). */
    private int indexOfDelimiter(int from, int to) {
        int last = delimiter.length - 1;
        byte lastByte = delimiter[last];
        int i = from;
        while (i + last < to) {
            byte b = buffer[i + last];
            if (b == lastByte && matchesAt(i, last)) {
                return i;
            }
            i += shifts[b & 0xff];
        }
        return -1;
    }

    private boolean matchesAt(int start, int last) {
        for (int j = 0; j < last; j++) {
            if (buffer[start + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A part's bytes: those before the next delimiter. {@code contentEnd} marks how far the buffer is known to be
     * content; when {@code delimiterFound}, the delimiter starts there.
     */
    private final class PartContent extends InputStream {
        private final String name;
        private int contentEnd = position;
        private boolean delimiterFound;
        private boolean ended;
        private long count;

        PartContent(String name) {
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            if (!advance()) {
                return -1;
            }
            if (count + 1 > maxPartSize) {
                throw new TooLargeException(name, maxPartSize);
            }
            count++;
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (length == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            int n = Math.min(length, contentEnd - position);
            if (count + n > maxPartSize) {
                throw new TooLargeException(name, maxPartSize);
            }
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0 || !advance()) {
                return 0;
            }
            int skipped = (int) Math.min(n, contentEnd - position);
            position += skipped;
            count += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return ended ? 0 : contentEnd - position;
        }

        /** Makes content bytes available at {@code position}; false at the part's end (delimiter consumed). */
        private boolean advance() throws IOException {
            while (!ended && position == contentEnd) {
                if (delimiterFound) {
                    position += delimiter.length;
                    ended = true;
                } else {
                    scan();
                }
            }
            return !ended;
        }

        /** Finds how far the buffer holds content, reading more when too few bytes are left to tell. */
        private void scan() throws IOException {
            while (true) {
                int found = indexOfDelimiter(position, limit);
                if (found >= 0) {
                    contentEnd = found;
                    delimiterFound = true;
                    return;
                }
                // The last bytes could be the start of a delimiter that has not fully arrived.
                contentEnd = Math.max(position, limit - (delimiter.length - 1));
                if (contentEnd > position) {
                    return;
                }
                if (endOfInput) {
                    throw new MalformedException("The body ends inside a part, without its closing boundary.");
                }
                fill();
                contentEnd = position;
            }
        }

        void skipRest() throws IOException {
            while (advance()) {
                count += contentEnd - position;
                position = contentEnd;
            }
        }

        /** The buffer's unread bytes moved {@code by} places to its start. */
        void shift(int by) {
            contentEnd = Math.max(0, contentEnd - by);
        }
    }
}
