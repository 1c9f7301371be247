package io.atrium.shared;

import java.net.URI;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The base URL people and programs use to reach this server: {@code atrium.public-url} when set (behind a
 * proxy or load balancer), otherwise {@code http://localhost:<the port the server really listens on>}.
 */
@Component
public class PublicUrl {

    private final URI configured;
    private volatile URI derived = URI.create("http://localhost:8080");

    PublicUrl(AtriumProperties properties) {
        this.configured = properties.publicUrl();
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        derived = URI.create("http://localhost:" + event.getWebServer().getPort());
    }

    /** The base URL without a trailing slash. */
    public String base() {
        String url = (configured != null ? configured : derived).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An absolute URL for a path that starts with {@code /}. */
    public String of(String path) {
        return base() + path;
    }
}
