package io.atrium.storage;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code atrium.storage.s3}. Storage is S3 when a bucket is set, local files otherwise.
 *
 * @param endpoint the URL of an S3-compatible store (MinIO, Ceph, ...); unset for AWS S3 itself. Requests then
 *     name the bucket in the path rather than in the host name.
 * @param region the region to sign requests for ({@code us-east-1} by default)
 * @param bucket the bucket that holds every object; it must exist
 * @param accessKeyId with {@code secretAccessKey}, the credentials; when both are unset, the AWS SDK's default
 *     chain is used (environment, system properties, profiles, container and instance roles)
 * @param secretAccessKey never logged
 * @param prefix an optional folder inside the bucket, such as {@code atrium/}, for a bucket shared with others
 */
@ConfigurationProperties("atrium.storage.s3")
record S3StorageProperties(URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey,
        String prefix) {

    S3StorageProperties {
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        bucket = blankToNull(bucket);
        accessKeyId = blankToNull(accessKeyId);
        secretAccessKey = blankToNull(secretAccessKey);
        String folder = prefix == null ? "" : prefix.strip().replaceAll("^/+|/+$", "");
        prefix = folder.isEmpty() ? "" : folder + "/";
    }

    boolean configured() {
        return bucket != null;
    }

    /** Without the secret, which must never reach a log. */
    @Override
    public String toString() {
        return "S3StorageProperties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "******")
                + ", prefix=" + prefix + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
