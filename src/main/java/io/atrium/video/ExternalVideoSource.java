package io.atrium.video;

import java.io.InputStream;

/**
 * Where the files of imported videos come from, other than uploads and {@code video_url}s: implemented by the
 * features that hold videos elsewhere (S3 integrations), so the task worker can stream them into storage
 * without knowing those features.
 */
public interface ExternalVideoSource {

    /** Whether this source reads the given source reference (as passed to {@link VideoTasks#importFrom}). */
    boolean reads(String source);

    /**
     * Opens the file for streaming; the worker closes the stream.
     *
     * @throws VideoSourceUnavailable when the file cannot be read (gone, no access)
     */
    InputStream open(String accountId, String source);
}
