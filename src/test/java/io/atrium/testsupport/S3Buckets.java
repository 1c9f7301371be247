package io.atrium.testsupport;

import java.nio.file.Path;

import org.gaul.s3proxy.junit.S3ProxyExtension;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Buckets and objects on the test's S3-compatible server, made with the real AWS SDK over HTTP. */
public final class S3Buckets {

    private S3Buckets() {
    }

    public static S3Client client(S3ProxyExtension s3) {
        return S3Client.builder()
                .endpointOverride(s3.getUri())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.getAccessKey(), s3.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static void create(S3ProxyExtension s3, String bucket) {
        try (S3Client client = client(s3)) {
            client.createBucket(create -> create.bucket(bucket));
        }
    }

    public static void put(S3ProxyExtension s3, String bucket, String key, Path file) {
        try (S3Client client = client(s3)) {
            client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromFile(file));
        }
    }

    public static void put(S3ProxyExtension s3, String bucket, String key, byte[] content) {
        try (S3Client client = client(s3)) {
            client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(content));
        }
    }

    public static void delete(S3ProxyExtension s3, String bucket, String key) {
        try (S3Client client = client(s3)) {
            client.deleteObject(delete -> delete.bucket(bucket).key(key));
        }
    }
}
