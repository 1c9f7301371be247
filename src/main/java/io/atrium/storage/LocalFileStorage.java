package io.atrium.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.atrium.shared.AtriumProperties;

/**
 * Stored files under {@code <data dir>/objects}, addressed by keys such as
 * {@code <account id>/<video id>.mp4}. Writes go to a temporary file first and are moved into place, so a
 * failed or interrupted upload never leaves a half-written object under its key.
 */
@Component
public class LocalFileStorage {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{24}/[0-9a-f]{24}(-[a-z]{1,16})?\\.[a-z0-9]{1,8}");

    private final Path root;

    LocalFileStorage(AtriumProperties properties) {
        this.root = properties.dataDir().resolve("objects").toAbsolutePath().normalize();
    }

    /** Copies the stream to the key, in chunks. @return the number of bytes stored */
    public long store(String key, InputStream content) {
        Path target = path(key);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            long size = Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Could not store " + key, e);
        }
    }

    /** The file behind a key, for programs that read files (such as ffprobe). */
    public Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return root.resolve(key);
    }

    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + key, e);
        }
    }

    /** Deletes every object stored for one video: its file and what was made from it (thumbnails). */
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

    private static String requireId(String id) {
        if (!id.matches("[0-9a-f]{24}")) {
            throw new IllegalArgumentException("Not an id: " + id);
        }
        return id;
    }

    /** Deletes every object of an account (its keys start with the account id). */
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

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the failure being reported matters more than the left-over partial file
        }
    }
}
