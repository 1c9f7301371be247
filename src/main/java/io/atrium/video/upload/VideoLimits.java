package io.atrium.video.upload;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * What a video must be to be indexed (api.md, Tasks). {@code maxFileSize} is also the largest file
 * {@code POST /v1.3/tasks}, the Playground's upload script and bucket imports read (413 beyond it); the form
 * posted without JavaScript is limited by {@code spring.servlet.multipart.max-file-size}.
 */
@Validated
@ConfigurationProperties("atrium.videos")
public record VideoLimits(@DefaultValue("4s") @NotNull Duration minDuration, @DefaultValue("2h") @NotNull Duration maxDuration,
        @DefaultValue("360") @Positive int minResolution, @DefaultValue("3840") @Positive int maxWidth,
        @DefaultValue("2160") @Positive int maxHeight, @DefaultValue("2GB") @NotNull DataSize maxFileSize) {
}
