package io.atrium.video.multipart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Settings under {@code atrium.assets.multipart}.
 *
 * @param chunkSize the size of every chunk but the last; raised to what storage needs (5 MiB on S3) and to what keeps
 *     a file within 10,000 chunks
 * @param expiry how long an upload may take from its creation; then it expires, its chunks are deleted and its asset
 *     fails
 * @param urlValidity how long a chunk upload link is valid (never past its upload's expiry); more can be asked for
 * @param initialUrls how many chunk links the creation answers with (the first chunks'); at most 50, as a request for
 *     more links takes
 * @param cleanupInterval how often expired uploads are looked for
 */
@Validated
@ConfigurationProperties("atrium.assets.multipart")
record MultipartProperties(@DefaultValue("8MB") @NotNull DataSize chunkSize, @DefaultValue("24h") @NotNull Duration expiry,
        @DefaultValue("1h") @NotNull Duration urlValidity, @DefaultValue("50") @Positive @Max(50) int initialUrls,
        @DefaultValue("5m") @NotNull Duration cleanupInterval) {
}
