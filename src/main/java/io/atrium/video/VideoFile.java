package io.atrium.video;

import java.util.Optional;

/**
 * What serving a video's stored file needs: its object key ({@code null} before the file is stored), the container
 * FFmpeg found in it (empty when unknown) and the name it was uploaded under.
 */
public record VideoFile(String objectKey, Optional<VideoContainer> container, String filename) {
}
