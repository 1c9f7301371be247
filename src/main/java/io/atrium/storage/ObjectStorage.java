package io.atrium.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Where stored videos and what is made from them (thumbnails) live, addressed by keys such as
 * {@code <account id>/<video id>.mp4} and {@code <account id>/<video id>-thumbnail.jpg}. Local files under the
 * data directory by default; an S3-compatible bucket when {@code atrium.storage.s3.bucket} is set.
 *
 * <p>An object is either stored whole under its key or not at all: a failed or interrupted store leaves
 * nothing behind. Keys that do not have the form above are refused with {@link IllegalArgumentException}.
 */
public interface ObjectStorage {

    /** Reads a stored object as a file, for programs that only read files (such as ffprobe and ffmpeg). */
    @FunctionalInterface
    interface LocalFileFunction<T> {
        T apply(Path file) throws IOException, InterruptedException;
    }

    /**
     * Copies the stream to the key as it arrives, without holding it whole in memory, replacing what the key
     * held before.
     *
     * @return the number of bytes stored
     * @throws java.io.UncheckedIOException when the stream or the store fails; nothing is then stored
     */
    long store(String key, InputStream content);

    boolean exists(String key);

    /** The size in bytes of a stored object; empty when nothing is stored under the key. */
    OptionalLong size(String key);

    /**
     * The bytes {@code offset} to {@code offset + length - 1} of a stored object, read as they are sent, for
     * answering HTTP range requests. The caller closes the stream.
     */
    InputStream open(String key, long offset, long length);

    /**
     * Runs {@code function} on a file holding the object: the stored file itself for local storage, a
     * temporary copy that is deleted afterwards for S3. The function must only read the file.
     */
    <T> T withLocalCopy(String key, LocalFileFunction<T> function) throws IOException, InterruptedException;

    /**
     * One video's objects as storage holds them: whose they are and when the newest of them (its file, a
     * thumbnail, or an unfinished write) was written.
     */
    record StoredVideo(String accountId, String videoId, Instant lastWritten) {
    }

    /**
     * Calls {@code action} once for every video that has objects in storage, account by account, so that objects
     * nothing refers to any more can be found. Holds at most one account's videos in memory.
     */
    void forEachVideo(Consumer<StoredVideo> action);

    /** Deletes the object, if there is one. */
    void delete(String key);

    /** Deletes every object stored for one video: its file and what was made from it (thumbnails, HLS playlist and segments). */
    void deleteVideo(String accountId, String videoId);

    /** Deletes every object of an account (its keys start with the account id). */
    void deleteAccount(String accountId);

    /**
     * One part of an object uploaded in parts, as storage holds it.
     *
     * @param number from 1
     * @param eTag the hex MD5 of the part's bytes, without quotes (what S3 answers for a part)
     */
    record Part(int number, long size, String eTag) {
    }

    /** Parts are numbered from 1 to this (S3's limit). */
    int MAX_PARTS = 10_000;

    /**
     * The smallest a part may be, but the last: S3 refuses to put together parts under 5 MiB; local files take any
     * size.
     */
    long minPartSize();

    /**
     * Whether clients send the parts of an upload in parts straight to storage through {@link #presignPart} links
     * (S3), rather than through this server, which stores them with {@link #storePart} (local files).
     */
    boolean presignsParts();

    /**
     * Starts an upload in parts of the object under the key; nothing is under the key until it is
     * {@linkplain #completeParts completed}.
     *
     * @return storage's id of the upload, which every other call about it takes
     */
    String startParts(String key);

    /**
     * A link that stores one part with an HTTP {@code PUT} of its bytes, valid for {@code validity}; the answer
     * carries the part's {@code ETag}.
     *
     * @throws UnsupportedOperationException when {@link #presignsParts()} is false
     */
    URI presignPart(String key, String uploadId, int number, Duration validity);

    /**
     * Stores one part as it arrives, without holding it whole in memory, replacing the part of that number if
     * there was one.
     *
     * @throws java.io.UncheckedIOException when the stream or the store fails; nothing is then stored (the same
     *     for any {@link RuntimeException} the stream throws, such as a limit on its length)
     */
    Part storePart(String key, String uploadId, int number, InputStream content);

    /** The stored parts among the given numbers, by number; a part not stored is missing from the map. */
    Map<Integer, Part> parts(String key, String uploadId, Collection<Integer> numbers);

    /**
     * Puts the object together under its key from the parts, in their order (each with the eTag it was stored
     * with), and forgets the parts.
     *
     * @return the object's size
     */
    long completeParts(String key, String uploadId, List<Part> parts);

    /** Drops an upload in parts and the parts it had; nothing happens for one already dropped or completed. */
    void abortParts(String key, String uploadId);
}
