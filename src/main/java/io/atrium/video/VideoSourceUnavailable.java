package io.atrium.video;

/** An imported video's file could not be read from its source; its task fails with this message. */
public class VideoSourceUnavailable extends RuntimeException {

    public VideoSourceUnavailable(String message) {
        super(message);
    }
}
