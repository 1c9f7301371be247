package io.atrium.video.upload;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How the server downloads a {@code video_url} (the largest file is {@code atrium.videos.max-file-size}).
 *
 * @param allowedAddresses addresses that may be downloaded from although they are loopback, link-local or
 *     private: CIDR ranges ({@code 10.1.0.0/16}, {@code fd00::/8}) or single addresses; empty by default
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long the source may send nothing
 * @param timeout the longest a whole download may take
 */
@Validated
@ConfigurationProperties("atrium.videos.download")
record DownloadSettings(@DefaultValue List<String> allowedAddresses, @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration readTimeout, @DefaultValue("30m") @NotNull Duration timeout) {

    DownloadSettings {
        allowedAddresses = List.copyOf(allowedAddresses);
    }
}
