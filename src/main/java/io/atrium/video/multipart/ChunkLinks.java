package io.atrium.video.multipart;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.atrium.shared.PublicUrl;
import io.atrium.shared.ServerSecret;

/**
 * Signed, expiring links that take one chunk of a multipart upload with a {@code PUT}, for storage that takes chunks
 * through this server (local files). The SDKs send chunks with nothing but the link, as they would to S3, so the link
 * is its own authorization: its signature covers the account, the upload, the chunk and the expiry, under a key of
 * its own purpose.
 */
@Component
class ChunkLinks {

    static final String PURPOSE = "multipart-chunk";
    /** Outside {@code /v1.3}, whose every request needs an API key. */
    static final String PATH = "/upload-chunks";

    private final ServerSecret secret;
    private final PublicUrl publicUrl;
    private final Clock clock;

    ChunkLinks(ServerSecret secret, PublicUrl publicUrl, Clock clock) {
        this.secret = secret;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    String link(String accountId, String uploadId, int index, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        return publicUrl.of(PATH + "/" + accountId + "/" + uploadId + "/" + index + "?expires=" + expires
                + "&signature=" + secret.sign(PURPOSE, message(accountId, uploadId, index, expires)));
    }

    boolean valid(String accountId, String uploadId, int index, long expires, String signature) {
        return clock.instant().getEpochSecond() < expires
                && secret.verify(PURPOSE, message(accountId, uploadId, index, expires), signature);
    }

    private static String message(String accountId, String uploadId, int index, long expires) {
        return accountId + "/" + uploadId + "/" + index + "/" + expires;
    }
}
