package io.atrium.video.media;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.atrium.shared.PublicUrl;
import io.atrium.shared.ServerSecret;

/**
 * Signed, expiring links to a video's stored file and thumbnail, and to a media's HLS playlist and segments: whoever
 * holds the link may stream it until it expires, without an API key (as a player needs). The signature covers the
 * account, the media, what is served (the one segment, for a segment) and the expiry.
 */
@Component
public class MediaUrls {

    static final String PURPOSE = "media-url";

    private final ServerSecret secret;
    private final PublicUrl publicUrl;
    private final Duration validity;
    private final Clock clock;

    MediaUrls(ServerSecret secret, PublicUrl publicUrl, @Value("${atrium.media.url-validity:6h}") Duration validity,
            Clock clock) {
        this.secret = secret;
        this.publicUrl = publicUrl;
        this.validity = validity;
        this.clock = clock;
    }

    /** @param what {@code video}, {@code thumbnail}, {@code hls.m3u8} or a segment's name ({@code hls-00000.ts}) */
    public String link(String accountId, String videoId, String what) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return publicUrl.of("/media/" + accountId + "/" + videoId + "/" + what + "?expires=" + expires
                + "&signature=" + secret.sign(PURPOSE, message(accountId, videoId, what, expires)));
    }

    /**
     * The same signed link as {@link #link}, relative to another of the media's links: {@code what?expires=...}, as an
     * HLS playlist names its segments.
     */
    public String relativeLink(String accountId, String mediaId, String what) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return what + "?expires=" + expires + "&signature=" + secret.sign(PURPOSE, message(accountId, mediaId, what, expires));
    }

    public boolean valid(String accountId, String videoId, String what, long expires, String signature) {
        return clock.instant().getEpochSecond() < expires
                && secret.verify(PURPOSE, message(accountId, videoId, what, expires), signature);
    }

    private static String message(String accountId, String videoId, String what, long expires) {
        return accountId + "/" + videoId + "/" + what + "/" + expires;
    }
}
