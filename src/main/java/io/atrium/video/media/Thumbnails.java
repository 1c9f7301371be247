package io.atrium.video.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import io.atrium.storage.ObjectStorage;

/** Makes a stored media file's thumbnail with FFmpeg and stores it beside the file ({@link ThumbnailKeys}). */
@Component
public class Thumbnails {

    private final ObjectStorage storage;
    private final MediaProbe probe;

    Thumbnails(ObjectStorage storage, MediaProbe probe) {
        this.storage = storage;
        this.probe = probe;
    }

    /**
     * The frame at {@code seconds} (an image is its own frame), stored whole or not at all.
     *
     * @return whether FFmpeg made it and it is stored
     */
    public boolean make(String objectKey, String accountId, String mediaId, double seconds)
            throws IOException, InterruptedException {
        Path frame = Files.createTempFile("atrium-thumbnail", ".jpg");
        try {
            if (!storage.withLocalCopy(objectKey, file -> probe.thumbnail(file, frame, seconds))) {
                return false;
            }
            try (InputStream in = Files.newInputStream(frame)) {
                storage.store(ThumbnailKeys.of(accountId, mediaId), in);
            }
            return true;
        } finally {
            Files.deleteIfExists(frame);
        }
    }
}
