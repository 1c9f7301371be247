package io.atrium.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * A file cut into the chunks of a multipart upload as the TwelveLabs SDKs cut it ({@code chunk_size} bytes each, the
 * last the rest, numbered from 1), sent to chunk links as they send them (a bare {@code PUT} with
 * {@code Content-Type: application/octet-stream}, to S3 or to Atrium alike), and the reports of sent chunks.
 */
public final class Chunks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Chunks() {
    }

    /** The bytes of chunk {@code index} (from 1) of the file. */
    public static byte[] chunk(Path file, long chunkSize, int index) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = (index - 1) * chunkSize;
            byte[] bytes = new byte[(int) Math.min(chunkSize, in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code PUT}s the bytes to a chunk link over real HTTP. */
    public static HttpResponse<String> put(String url, byte[] bytes) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer's ETag without its quotes, as the SDKs report it. */
    public static String eTag(String header) {
        return header == null ? null : header.replace("\"", "");
    }

    /** The hex MD5 of the bytes: the ETag S3 (and Atrium) gives a chunk. */
    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One reported chunk, as the SDKs write it. */
    public record Sent(int index, String eTag, long size) {
    }

    /** The body of {@code POST /v1.3/assets/multipart-uploads/{id}} reporting the chunks. */
    public static String report(Sent... chunks) {
        StringJoiner joined = new StringJoiner(",", "{\"completed_chunks\":[", "]}");
        for (Sent chunk : chunks) {
            joined.add("{\"chunk_index\":%d,\"proof\":\"%s\",\"proof_type\":\"etag\",\"chunk_size\":%d}"
                    .formatted(chunk.index(), chunk.eTag(), chunk.size()));
        }
        return joined.toString();
    }

    /** The body of {@code POST /v1.3/assets/multipart-uploads} for the file. */
    public static String create(String filename, String type, long totalSize) {
        return "{\"filename\":\"%s\",\"type\":\"%s\",\"total_size\":%d}".formatted(filename, type, totalSize);
    }
}
