package io.atrium.integration;

import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.atrium.shared.AddressPolicy;
import io.atrium.shared.InvalidInputException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Talks to an integration's bucket with the AWS SDK: checks the credentials, lists the objects under the
 * prefix, streams one object. An endpoint on a loopback, link-local or private address is refused unless
 * {@code atrium.integrations.allowed-addresses} permits it, so an integration cannot make the server reach
 * its own network.
 */
@Component
class BucketAccess {

    /** An object under the integration's prefix. */
    record BucketObject(String key, long size, String etag) {
    }

    /** The bucket could not be used; {@code field} is the form field to show the message next to. */
    static final class BucketProblem extends RuntimeException {

        private final String field;
        private final String code;

        BucketProblem(String field, String code, String message) {
            super(message);
            this.field = field;
            this.code = code;
        }

        InvalidInputException asInvalidInput() {
            return new InvalidInputException(field, code, getMessage());
        }
    }

    /** The object is gone from the bucket. */
    static final class ObjectGone extends RuntimeException {

        ObjectGone(String key) {
            super("The object " + key + " is no longer in the bucket.");
        }
    }

    private final AddressPolicy policy;
    private final IntegrationSettings settings;

    BucketAccess(IntegrationSettings settings) {
        this.settings = settings;
        this.policy = new AddressPolicy(settings.allowedAddresses());
    }

    /** Lists one key and reads the bucket's location, which needs the credentials to be right and allowed. */
    void check(BucketConfig config) {
        withClient(config, s3 -> {
            s3.listObjectsV2(ListObjectsV2Request.builder().bucket(config.bucket()).prefix(config.prefix())
                    .maxKeys(1).build());
            return null;
        });
    }

    /** Every object under the prefix (all pages), folders excluded. */
    List<BucketObject> list(BucketConfig config) {
        return withClient(config, s3 -> {
            List<BucketObject> objects = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(config.bucket())
                    .prefix(config.prefix()).build()).contents()) {
                if (!object.key().endsWith("/")) {
                    objects.add(new BucketObject(object.key(), object.size(), object.eTag().replace("\"", "")));
                }
            }
            return objects;
        });
    }

    /**
     * Opens an object for streaming; the caller closes the stream (and with it the client).
     *
     * @throws ObjectGone when the object no longer exists
     */
    InputStream open(BucketConfig config, String key) {
        S3Client s3 = client(config);
        try {
            ResponseInputStream<GetObjectResponse> body = s3.getObject(get -> get.bucket(config.bucket()).key(key));
            return new java.io.FilterInputStream(body) {
                @Override
                public void close() throws java.io.IOException {
                    try {
                        super.close();
                    } finally {
                        s3.close();
                    }
                }
            };
        } catch (NoSuchKeyException e) {
            s3.close();
            throw new ObjectGone(key);
        } catch (RuntimeException e) {
            s3.close();
            throw translate(config, e);
        }
    }

    private <T> T withClient(BucketConfig config, Function<S3Client, T> work) {
        try (S3Client s3 = client(config)) {
            return work.apply(s3);
        } catch (RuntimeException e) {
            throw translate(config, e);
        }
    }

    private S3Client client(BucketConfig config) {
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .dnsResolver(policy.dnsResolver())
                        .connectionTimeout(settings.timeout())
                        .socketTimeout(settings.timeout()))
                .overrideConfiguration(override -> override.apiCallTimeout(settings.timeout().multipliedBy(3)));
        if (config.endpoint() != null) {
            builder.endpointOverride(URI.create(config.endpoint())).forcePathStyle(true);
        }
        return builder.build();
    }

    private static RuntimeException translate(BucketConfig config, RuntimeException e) {
        if (e instanceof BucketProblem || e instanceof ObjectGone) {
            return e;
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
            if (s3.statusCode() == 404 || code.equals("NoSuchBucket")) {
                return new BucketProblem("bucket", "integration_bucket_not_found",
                        "The bucket " + config.bucket() + " does not exist" + (config.endpoint() == null
                                ? " in region " + config.region() : " at this endpoint") + ".");
            }
            if (s3.statusCode() == 301 || code.equals("PermanentRedirect") || code.equals("AuthorizationHeaderMalformed")) {
                return new BucketProblem("region", "integration_wrong_region",
                        "The bucket " + config.bucket() + " is not in region " + config.region() + ".");
            }
            if (s3.statusCode() == 403 || s3.statusCode() == 401) {
                return new BucketProblem("access_key_id", "integration_access_denied",
                        "Access to the bucket " + config.bucket() + " was denied: check the access key id, the secret "
                                + "access key and the bucket's policy (listing and reading objects are needed).");
            }
            return new BucketProblem("bucket", "integration_bucket_unusable",
                    "The bucket answered " + s3.statusCode() + (code.isEmpty() ? "" : " " + code) + ".");
        }
        if (e instanceof SdkClientException && cause(e, AddressPolicy.RefusedAddress.class)) {
            return new BucketProblem("endpoint", "integration_endpoint_blocked", "The endpoint is on a loopback, "
                    + "link-local or private address, which this server does not connect to.");
        }
        // Without an endpoint the address tried is Amazon's for the region: a host that is not found or does not
        // answer is then the region's problem, and the form shows it under Region, not under the empty Endpoint.
        String unreachable = config.endpoint() == null ? "region" : "endpoint";
        if (e instanceof SdkClientException && cause(e, UnknownHostException.class)) {
            return new BucketProblem(unreachable, "integration_endpoint_unreachable", config.endpoint() == null
                    ? "There is no S3 region " + config.region() + ": check the region's name, such as us-east-1."
                    : "The endpoint's host, " + URI.create(config.endpoint()).getHost() + ", could not be found.");
        }
        if (e instanceof SdkClientException) {
            return new BucketProblem(unreachable, "integration_endpoint_unreachable",
                    "Could not reach " + (config.endpoint() == null ? "S3 in region " + config.region()
                            : "the endpoint " + config.endpoint()) + ": " + firstLine(e.getMessage()));
        }
        return e;
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no answer.";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
