package io.atrium.integration;

import java.io.InputStream;

import org.springframework.stereotype.Component;

import io.atrium.shared.NotFoundException;
import io.atrium.video.ExternalVideoSource;
import io.atrium.video.VideoSourceUnavailable;

/**
 * Streams an imported object from its integration's bucket for the task worker. The reference names the
 * integration and the key; the integration is looked up within the task's account, so a reference can
 * never reach another account's bucket.
 */
@Component
class S3VideoSource implements ExternalVideoSource {

    private static final String SCHEME = "s3-integration:";

    private final IntegrationService integrations;
    private final BucketAccess buckets;

    S3VideoSource(IntegrationService integrations, BucketAccess buckets) {
        this.integrations = integrations;
        this.buckets = buckets;
    }

    static String reference(String integrationId, String key) {
        return SCHEME + integrationId + ":" + key;
    }

    @Override
    public boolean reads(String source) {
        return source.startsWith(SCHEME);
    }

    @Override
    public InputStream open(String accountId, String source) {
        String rest = source.substring(SCHEME.length());
        int colon = rest.indexOf(':');
        String integrationId = rest.substring(0, colon);
        String key = rest.substring(colon + 1);
        BucketConfig config;
        try {
            config = integrations.bucketConfig(accountId, integrationId);
        } catch (NotFoundException e) {
            throw new VideoSourceUnavailable("The S3 integration this video was imported through was deleted.");
        }
        try {
            return buckets.open(config, key);
        } catch (BucketAccess.ObjectGone | BucketAccess.BucketProblem e) {
            throw new VideoSourceUnavailable(e.getMessage());
        }
    }
}
