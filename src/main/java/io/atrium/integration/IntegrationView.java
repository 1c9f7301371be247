package io.atrium.integration;

import java.time.Instant;

/**
 * An integration as it may be shown: never its secret, and only the last characters of its access key id.
 *
 * @param accessKeyIdHint the access key id's last four characters, to tell keys apart
 */
public record IntegrationView(String id, String name, String bucket, String region, String endpoint, String prefix,
        String accessKeyIdHint, Instant createdAt, Instant updatedAt) {

    static IntegrationView of(IntegrationRepository.IntegrationRow row) {
        String key = row.accessKeyId();
        return new IntegrationView(row.id(), row.name(), row.bucket(), row.region(), row.endpoint(), row.prefix(),
                "…" + key.substring(Math.max(0, key.length() - 4)), row.createdAt(), row.updatedAt());
    }
}
