package io.atrium.integration;

/** Where a bucket is and how to sign in to it: what the credential check and imports connect with. */
record BucketConfig(String bucket, String region, String endpoint, String prefix, String accessKeyId,
        String secretAccessKey) {
}
