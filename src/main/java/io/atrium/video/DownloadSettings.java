package io.atrium.video;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the server downloads a {@code video_url} (the largest file is {@code atrium.videos.max-file-size}).
 *
 * @param allowedAddresses addresses that may be downloaded from although they are loopback, link-local or
 *     private: CIDR ranges ({@code 10.1.0.0/16}, {@code fd00::/8}) or single addresses; empty by default
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long the source may send nothing
 * @param timeout the longest a whole download may take
 */
@ConfigurationProperties("atrium.videos.download")
record DownloadSettings(List<String> allowedAddresses, Duration connectTimeout, Duration readTimeout, Duration timeout) {

    DownloadSettings {
        allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
    }
}
