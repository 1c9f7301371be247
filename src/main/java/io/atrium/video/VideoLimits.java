package io.atrium.video;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What a video must be to be indexed (api.md, Tasks). {@code maxFileSize} is also the largest file
 * {@code POST /v1.3/tasks} and the Playground's upload script read (413 beyond it); the form posted without
 * JavaScript is limited by {@code spring.servlet.multipart.max-file-size}.
 */
@ConfigurationProperties("atrium.videos")
record VideoLimits(Duration minDuration, Duration maxDuration, int minResolution, int maxWidth, int maxHeight,
        DataSize maxFileSize) {

    VideoLimits {
        minDuration = minDuration == null ? Duration.ofSeconds(4) : minDuration;
        maxDuration = maxDuration == null ? Duration.ofHours(2) : maxDuration;
        minResolution = minResolution <= 0 ? 360 : minResolution;
        maxWidth = maxWidth <= 0 ? 3840 : maxWidth;
        maxHeight = maxHeight <= 0 ? 2160 : maxHeight;
        maxFileSize = maxFileSize == null ? DataSize.ofGigabytes(2) : maxFileSize;
    }
}
