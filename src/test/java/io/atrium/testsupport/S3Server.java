package io.atrium.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server (S3Proxy with its in-memory blob store) in the test JVM, on a random local port,
 * spoken to over HTTP with AWS signatures. One server is started for the whole run, on first use; each test
 * takes buckets of its own ({@code final String bucket = S3Server.shared().newBucket("import")} gives every test
 * method one). It serves as object storage and as the bucket of an S3 integration.
 */
public final class S3Server {

    public static final String ACCESS_KEY = "atrium-test-access";
    public static final String SECRET_KEY = "atrium-test-secret-key";
    public static final String REGION = "us-east-1";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static volatile S3Server shared;

    private final URI endpoint;
    private final S3Client client;

    private S3Server(URI endpoint) {
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static synchronized S3Server shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static S3Server start() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", properties))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new S3Server(URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /**
     * Has the application under test store its files in the bucket of this server, under the prefix, and look for
     * jobs every 100 ms (files stored in S3 are read back by the jobs).
     */
    public void storeIn(org.springframework.test.context.DynamicPropertyRegistry registry, String bucket, String prefix) {
        registry.add("atrium.storage.s3.endpoint", () -> endpoint().toString());
        registry.add("atrium.storage.s3.region", () -> REGION);
        registry.add("atrium.storage.s3.bucket", () -> bucket);
        registry.add("atrium.storage.s3.access-key-id", () -> ACCESS_KEY);
        registry.add("atrium.storage.s3.secret-access-key", () -> SECRET_KEY);
        registry.add("atrium.storage.s3.prefix", () -> prefix);
        registry.add("atrium.jobs.poll-interval", () -> "100ms");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of its own, to look at what the application stored. */
    public S3Client client() {
        return client;
    }

    /** A new, empty bucket. */
    public String newBucket(String purpose) {
        String bucket = "atrium-" + purpose + "-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** The names of every object in the bucket. */
    public List<String> objects(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /** The names of the objects whose multipart uploads were started and neither completed nor aborted. */
    public List<String> unfinishedUploads(String bucket) {
        return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream().map(MultipartUpload::key).toList();
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public void put(String bucket, String key, Path file) {
        client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    public void delete(String bucket, String key) {
        client.deleteObject(delete -> delete.bucket(bucket).key(key));
    }

    /** The body of {@code POST /api/v1/integrations} for the bucket on this server. */
    public String integrationJson(String name, String bucket, String prefix, String secret) {
        return """
                {"name": "%s", "bucket": "%s", "region": "%s", "endpoint": "%s", "prefix": "%s",
                 "access_key_id": "%s", "secret_access_key": "%s"}""".formatted(name, bucket, REGION, endpoint, prefix,
                ACCESS_KEY, secret);
    }

    /** The fields of the Playground's integration form for the bucket on this server; without a secret if it is null. */
    public MockHttpServletRequestBuilder integrationForm(MockHttpServletRequestBuilder request, String name, String bucket,
            String prefix, String secret) {
        request.param("name", name).param("bucket", bucket).param("region", REGION).param("endpoint", endpoint.toString())
                .param("prefix", prefix).param("accessKeyId", ACCESS_KEY);
        return secret == null ? request : request.param("secretAccessKey", secret);
    }
}
