package io.atrium.storage;

import static io.atrium.storage.StorageKeys.requireId;
import static io.atrium.storage.StorageKeys.requireKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import io.atrium.shared.AtriumProperties;

/**
 * Stored files under {@code <data dir>/objects}, one directory per account. Writes go to a temporary file
 * first and are moved into place, so a failed or interrupted upload never leaves a half-written object under
 * its key.
 */
class LocalFileStorage implements ObjectStorage {

    private static final int COPY_BUFFER_SIZE = 256 * 1024;

    private final Path root;

    LocalFileStorage(AtriumProperties properties) {
        this.root = properties.dataDir().resolve("objects").toAbsolutePath().normalize();
    }

    @Override
    public long store(String key, InputStream content) {
        Path target = path(key);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            long size = copy(content, partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Could not store " + key, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /**
     * Copies in writes of up to {@value #COPY_BUFFER_SIZE} bytes: {@code Files.copy} writes 8 KiB at a time, which
     * for a large upload is a system call per 8 KiB.
     */
    private static long copy(InputStream content, Path file) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_SIZE];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                out.write(buffer, 0, n);
                size += n;
            }
        }
        return size;
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public OptionalLong size(String key) {
        Path file = path(key);
        try {
            return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + key, e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            SeekableByteChannel channel = Files.newByteChannel(path(key));
            try {
                channel.position(offset);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new RangeInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
    }

    @Override
    public <T> T withLocalCopy(String key, LocalFileFunction<T> function) throws IOException, InterruptedException {
        return function.apply(path(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + key, e);
        }
    }

    @Override
    public void deleteVideo(String accountId, String videoId) {
        Path directory = root.resolve(requireId(accountId));
        String prefix = requireId(videoId);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the objects of video " + videoId, e);
        }
    }

    @Override
    public void deleteAccount(String accountId) {
        Path directory = root.resolve(requireId(accountId));
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the objects of account " + accountId, e);
        }
    }

    @Override
    public void forEachVideo(Consumer<StoredVideo> action) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var accounts = Files.list(root)) {
            for (Path account : accounts.filter(Files::isDirectory).toList()) {
                String accountId = account.getFileName().toString();
                if (StorageKeys.isId(accountId)) {
                    videosOf(accountId, account).forEach(action);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the stored objects", e);
        }
    }

    /** The account's videos from its file names ({@code <video id>.<ext>}, {@code <video id>-thumbnail.jpg}, and partial writes). */
    private static List<StoredVideo> videosOf(String accountId, Path directory) throws IOException {
        Map<String, Instant> lastWritten = new TreeMap<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String videoId = StorageKeys.videoIdOf(file.getFileName().toString());
                if (videoId != null) {
                    Instant written;
                    try {
                        written = Files.getLastModifiedTime(file).toInstant();
                    } catch (NoSuchFileException deletedMeanwhile) {
                        continue;
                    }
                    lastWritten.merge(videoId, written, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return lastWritten.entrySet().stream()
                .map(entry -> new StoredVideo(accountId, entry.getKey(), entry.getValue())).toList();
    }

    /** Any size: the parts are put together here, by concatenation. */
    @Override
    public long minPartSize() {
        return 1;
    }

    /** Parts come through the server, which stores them with {@link #storePart}. */
    @Override
    public boolean presignsParts() {
        return false;
    }

    /** The parts need no upload of their own: they are kept under their object's key ({@link StorageKeys#partKey}). */
    @Override
    public String startParts(String key) {
        requireKey(key);
        return LOCAL_UPLOAD;
    }

    @Override
    public URI presignPart(String key, String uploadId, int number, Duration validity) {
        throw new UnsupportedOperationException("Local storage takes parts through the server");
    }

    /**
     * Written to a file of its own first (two sends of one part may overlap) and moved into place, with its MD5
     * computed as it is written.
     */
    @Override
    public Part storePart(String key, String uploadId, int number, InputStream content) {
        Path target = path(StorageKeys.partKey(key, number));
        Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            DigestInputStream digesting = new DigestInputStream(content, md5());
            long size = copy(digesting, partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Part(number, size, HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Could not store part " + number + " of " + key, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Reads each asked-for part to compute its MD5: the proof is checked against the bytes as they are stored. */
    @Override
    public Map<Integer, Part> parts(String key, String uploadId, Collection<Integer> numbers) {
        Map<Integer, Part> parts = new LinkedHashMap<>();
        for (int number : numbers) {
            Path file = path(StorageKeys.partKey(key, number));
            try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), md5())) {
                long size = in.transferTo(OutputStream.nullOutputStream());
                parts.put(number, new Part(number, size, HexFormat.of().formatHex(in.getMessageDigest().digest())));
            } catch (NoSuchFileException notStored) {
                // missing from the answer
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read part " + number + " of " + key, e);
            }
        }
        return parts;
    }

    /** Concatenates the part files into the object, streamed, then deletes them. */
    @Override
    public long completeParts(String key, String uploadId, List<Part> parts) {
        List<Path> files = parts.stream().map(part -> path(StorageKeys.partKey(key, part.number()))).toList();
        Iterator<Path> next = files.iterator();
        InputStream joined = new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                try {
                    return Files.newInputStream(next.next());
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read a part of " + key, e);
                }
            }
        });
        long size;
        try (joined) {
            size = store(key, joined);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the parts of " + key, e);
        }
        files.forEach(LocalFileStorage::deleteQuietly);
        return size;
    }

    @Override
    public void abortParts(String key, String uploadId) {
        String firstPart = StorageKeys.partKey(key, 1);
        // <id>-part. : every part, and the partial writes of parts
        String partPrefix = firstPart.substring(firstPart.indexOf('/') + 1, firstPart.length() - 1);
        Path directory = path(key).getParent();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(partPrefix)).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the parts of " + key, e);
        }
    }

    private static final String LOCAL_UPLOAD = "local";

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private Path path(String key) {
        return root.resolve(requireKey(key));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the failure being reported matters more than the left-over partial file
        }
    }
}
