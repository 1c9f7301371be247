package io.atrium.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartReaderTest {

    private static final String BOUNDARY = "----atrium7MA4YWxkTrZu0gW";

    record Read(String name, String filename, String contentType, byte[] content) {
    }

    @ParameterizedTest(name = "reads of at most {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 31, 1000, 8192, 1 << 20})
    void partsComeOutWholeHoweverTheBodyArrives(int chunk) throws IOException {
        byte[] video = new byte[700_000];
        new Random(chunk).nextBytes(video);
        // Bytes that look like the start of a delimiter, inside the file, must stay content.
        byte[] lookalike = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(lookalike, 0, video, 262_100, lookalike.length);
        System.arraycopy(lookalike, 0, video, video.length - lookalike.length, lookalike.length);
        byte[] body = body(BOUNDARY, "preamble to ignore\r\n",
                field("index_id", "6748a1c2e3f4a5b6c7d8e9f0"),
                file("video_file", "harbour café.mp4", "video/mp4", video),
                field("user_metadata", "{\"camera\":\"north\"}"),
                field("empty", ""));

        List<Read> parts = readAll(new Trickle(body, chunk), BOUNDARY, Long.MAX_VALUE);

        assertThat(parts).extracting(Read::name).containsExactly("index_id", "video_file", "user_metadata", "empty");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("6748a1c2e3f4a5b6c7d8e9f0");
        assertThat(parts.get(1).filename()).isEqualTo("harbour café.mp4");
        assertThat(parts.get(1).contentType()).isEqualTo("video/mp4");
        assertThat(parts.get(1).content()).isEqualTo(video);
        assertThat(new String(parts.get(2).content(), StandardCharsets.UTF_8)).isEqualTo("{\"camera\":\"north\"}");
        assertThat(parts.get(3).content()).isEmpty();
        assertThat(parts.get(0).filename()).isNull();
    }

    @Test
    void partsLeftUnreadAreSkippedAndTheEpilogueIgnored() throws IOException {
        byte[] body = body(BOUNDARY, "", file("video_file", "a.mp4", "video/mp4", new byte[300_000]),
                field("index_id", "abc"));
        byte[] withEpilogue = Arrays.copyOf(body, body.length + 9);
        System.arraycopy("epilogue!".getBytes(StandardCharsets.US_ASCII), 0, withEpilogue, body.length, 9);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(withEpilogue), BOUNDARY, Long.MAX_VALUE, Long.MAX_VALUE);

        assertThat(reader.next().name()).isEqualTo("video_file");
        MultipartReader.Part field = reader.next();
        assertThat(field.text(100)).isEqualTo("abc");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void aPartOverTheLimitIsRefusedWhileItIsRead() throws IOException {
        byte[] body = body(BOUNDARY, "", file("video_file", "a.mp4", "video/mp4", new byte[10_001]));
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, 10_000, Long.MAX_VALUE);
        InputStream content = reader.next().content();

        assertThatThrownBy(() -> content.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(MultipartReader.TooLargeException.class);
    }

    @Test
    void partsSkippedUnreadAndThePreambleCountAgainstTheBodysLimit() throws IOException {
        byte[] skipped = body(BOUNDARY, "", file("junk", "junk.bin", "application/octet-stream", new byte[300_000]),
                field("index_id", "abc"));
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(skipped), BOUNDARY, 10, 100_000);
        assertThatThrownBy(() -> {
            reader.next();
            reader.next();
        }).isInstanceOf(MultipartReader.TooLargeException.class)
                .satisfies(e -> assertThat(((MultipartReader.TooLargeException) e).partName()).isNull());

        byte[] preamble = body(BOUNDARY, "x".repeat(300_000), field("index_id", "abc"));
        MultipartReader withPreamble = new MultipartReader(new ByteArrayInputStream(preamble), BOUNDARY, 10, 100_000);
        assertThatThrownBy(withPreamble::next).isInstanceOf(MultipartReader.TooLargeException.class);
    }

    @Test
    void aBrokenContentDispositionIsMalformed() {
        for (String disposition : List.of("form-data; name=\"", "form-data; name=\"video_file\"; filename=\"",
                "form-data; filename=\"a.mp4\"")) {
            byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n\r\nabc\r\n--" + BOUNDARY
                    + "--\r\n").getBytes(StandardCharsets.UTF_8);
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, Long.MAX_VALUE,
                    Long.MAX_VALUE);
            assertThatThrownBy(reader::next).as(disposition).isInstanceOf(MultipartReader.MalformedException.class);
        }
    }

    @Test
    void aConnectionThatFailsIsAnInterruptedBodyNotAStorageFailure() throws IOException {
        byte[] body = body(BOUNDARY, "", file("video_file", "a.mp4", "video/mp4", new byte[400_000]));
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(body, 0, 300_000)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new java.net.SocketTimeoutException("Read timed out");
                }
                return n;
            }
        };
        MultipartReader reader = new MultipartReader(failing, BOUNDARY, Long.MAX_VALUE, Long.MAX_VALUE);
        InputStream content = reader.next().content();

        assertThatThrownBy(() -> content.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(MultipartReader.InterruptedBodyException.class)
                .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void partsReadByteByByteComeOutWhole() throws IOException {
        byte[] content = new byte[1000];
        new Random(3).nextBytes(content);
        byte[] body = body(BOUNDARY, "", file("video_file", "a.mp4", "video/mp4", content));
        InputStream part = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, Long.MAX_VALUE, Long.MAX_VALUE)
                .next().content();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int b = part.read(); b >= 0; b = part.read()) {
            read.write(b);
        }
        assertThat(read.toByteArray()).isEqualTo(content);
    }

    @Test
    void aTextFieldOverItsLimitIsRefused() throws IOException {
        byte[] body = body(BOUNDARY, "", field("user_metadata", "x".repeat(101)));
        MultipartReader.Part part = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, Long.MAX_VALUE, Long.MAX_VALUE).next();

        assertThatThrownBy(() -> part.text(100)).isInstanceOf(MultipartReader.TooLargeException.class)
                .hasMessageContaining("user_metadata");
    }

    @Test
    void aBodyCutOffInsideAPartIsMalformed() throws IOException {
        byte[] body = body(BOUNDARY, "", file("video_file", "a.mp4", "video/mp4", new byte[50_000]));
        byte[] cut = Arrays.copyOf(body, 30_000);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY, Long.MAX_VALUE, Long.MAX_VALUE);
        InputStream content = reader.next().content();

        assertThatThrownBy(() -> content.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(MultipartReader.MalformedException.class);
    }

    @Test
    void bodiesThatAreNotMultipartAreMalformed() {
        for (String bad : List.of("", "no boundary at all", "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--"
                + BOUNDARY + "--", "--" + BOUNDARY + "garbage", "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n")) {
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bad.getBytes(StandardCharsets.US_ASCII)),
                    BOUNDARY, Long.MAX_VALUE, Long.MAX_VALUE);
            assertThatThrownBy(() -> {
                for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                    part.content().transferTo(OutputStream.nullOutputStream());
                }
            }).as(bad).isInstanceOf(MultipartReader.MalformedException.class);
        }
    }

    @Test
    void theBoundaryIsTakenOnlyFromAFormDataContentType() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc123")).contains("abc123");
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"quoted boundary\"")).contains("quoted boundary");
        assertThat(MultipartReader.boundary("Multipart/Form-Data;boundary=X")).contains("X");
        assertThat(MultipartReader.boundary("multipart/form-data")).isEmpty();
        assertThat(MultipartReader.boundary("multipart/mixed; boundary=abc")).isEmpty();
        assertThat(MultipartReader.boundary("application/json")).isEmpty();
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=" + "b".repeat(71))).isEmpty();
        assertThat(MultipartReader.boundary("not a type")).isEmpty();
        assertThat(MultipartReader.boundary(null)).isEmpty();
    }

    private static List<Read> readAll(InputStream in, String boundary, long maxPartSize) throws IOException {
        MultipartReader reader = new MultipartReader(in, boundary, maxPartSize, Long.MAX_VALUE);
        List<Read> parts = new ArrayList<>();
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] buffer = new byte[5000];
            for (int n = part.content().read(buffer); n >= 0; n = part.content().read(buffer)) {
                content.write(buffer, 0, n);
            }
            parts.add(new Read(part.name(), part.filename(), part.contentType(), content.toByteArray()));
        }
        return parts;
    }

    private static byte[] field(String name, String value) {
        return ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] file(String name, String filename, String type, byte[] content) {
        byte[] head = ("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] part = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, part, head.length, content.length);
        return part;
    }

    private static byte[] body(String boundary, String preamble, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(preamble.getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            body.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** Hands the body out at most {@code chunk} bytes per read, as a network connection may. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(byte[] body, int chunk) {
            super(new ByteArrayInputStream(body));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
