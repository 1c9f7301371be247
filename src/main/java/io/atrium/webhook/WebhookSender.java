package io.atrium.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

import io.atrium.shared.AddressPolicy;
import io.atrium.shared.InvalidInputException;

/**
 * Posts a message to an endpoint as the Standard Webhooks specification says: {@code webhook-id} (the message's id,
 * the same on every attempt), {@code webhook-timestamp} (seconds) and {@code webhook-signature} ({@code v1,} and
 * the base64 HMAC-SHA256 of {@code id.timestamp.body} under the endpoint's secret, made by the specification's own
 * library). Connections go through a DNS resolver that keeps only the addresses {@link AddressPolicy} permits, so the
 * address connected to is the one checked (no DNS rebinding); redirects are not followed; the connection and the
 * answer each have a timeout, so a slow receiver holds one job thread for a bounded time.
 */
@Component
class WebhookSender implements DisposableBean {

    static final int MAX_URL_LENGTH = 2048;
    /** How much of a receiver's answer is read (and thrown away) before the connection is let go. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** What an attempt came to: an HTTP status, or no answer at all ({@code code} null) and why. */
    record Outcome(Integer code, String error, long durationMs) {

        boolean succeeded() {
            return code != null && code >= 200 && code < 300;
        }
    }

    private final AddressPolicy policy;
    private final CloseableHttpClient client;

    WebhookSender(WebhookProperties properties) {
        this.policy = new AddressPolicy(properties.allowedAddresses());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(policy.dnsResolver())
                        .setMaxConnTotal(100)
                        .setMaxConnPerRoute(10)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                .setUserAgent("Atrium webhooks")
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /**
     * Checks an endpoint's URL when it is given, so one that can never be delivered to is refused at once (every
     * delivery checks the addresses again, as DNS answers change).
     *
     * @return the URL as it is kept
     * @throws InvalidInputException for a URL that is malformed, not http(s), of an unknown host, or refused
     */
    String check(String url) {
        String trimmed = url == null ? "" : url.strip();
        if (trimmed.isEmpty()) {
            throw invalid("parameter_not_provided", "Enter the endpoint's URL.");
        }
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw invalid("parameter_invalid", "url may be at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("parameter_invalid", "url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("parameter_invalid", "url must be an http or https URL.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank() || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw invalid("parameter_invalid", "url must name a host (and no user name, password or fragment).");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw invalid("parameter_invalid", "The host of url, " + uri.getHost() + ", could not be found.");
        }
        if (Arrays.stream(addresses).noneMatch(policy::permits)) {
            throw invalid("webhook_url_blocked", "url points to a loopback, link-local or private address, "
                    + "which this server does not send webhooks to.");
        }
        return trimmed;
    }

    /** Makes one attempt; never throws for what the receiver or the network did. */
    Outcome send(String url, String secret, String messageId, Instant timestamp, String payload) {
        long started = System.nanoTime();
        long seconds = timestamp.getEpochSecond();
        HttpPost request = new HttpPost(url);
        request.setHeader("webhook-id", messageId);
        request.setHeader("webhook-timestamp", Long.toString(seconds));
        request.setHeader("webhook-signature", sign(secret, messageId, seconds, payload));
        request.setEntity(new StringEntity(payload, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        try {
            int code = client.execute(request, response -> {
                discard(request, response.getEntity());
                return response.getCode();
            });
            return new Outcome(code, code >= 200 && code < 300 ? null : "The endpoint answered HTTP " + code + ".",
                    elapsed(started));
        } catch (AddressPolicy.RefusedAddress refused) {
            return new Outcome(null, "The endpoint's host has only loopback, link-local or private addresses, which "
                    + "this server does not send webhooks to.", elapsed(started));
        } catch (UnknownHostException e) {
            return new Outcome(null, "The endpoint's host " + e.getMessage() + " could not be found.", elapsed(started));
        } catch (IOException e) {
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(null, "No answer: " + (reason.length() > 900 ? reason.substring(0, 900) : reason),
                    elapsed(started));
        }
    }

    static String sign(String secret, String messageId, long seconds, String payload) {
        try {
            return new Webhook(secret).sign(messageId, seconds, payload);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /**
     * Reads the answer's body to its end, so the connection can be reused; a longer one than
     * {@link #MAX_ANSWER_BYTES} drops the connection instead of reading on.
     */
    private static void discard(HttpPost request, HttpEntity entity) throws IOException {
        if (entity == null) {
            return;
        }
        InputStream body = entity.getContent();
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int read; (read = body.read(buffer)) != -1; ) {
            total += read;
            if (total > MAX_ANSWER_BYTES) {
                request.cancel();
                return;
            }
        }
        body.close();
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static InvalidInputException invalid(String code, String message) {
        return new InvalidInputException("url", code, message);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
