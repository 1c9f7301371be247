package io.atrium.video.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.atrium.shared.AddressPolicy;
import io.atrium.shared.InvalidInputException;

/**
 * Downloads the videos of {@code video_url} uploads. Every connection, the first and each redirect, goes
 * through a DNS resolver that keeps only the addresses {@link AddressPolicy} permits, so neither a host name
 * that resolves to a private address nor a redirect to one is ever connected to. The body is streamed to
 * storage with a size limit and a deadline.
 */
@Component
public class VideoDownloader implements DisposableBean {

    /** Why a download could not be made, with the task error code to report. */
    public static final class DownloadFailure extends IOException {

        private final String code;

        DownloadFailure(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Thrown by the resolver: a host with only refused addresses. */
    static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_REDIRECTS = 5;

    private final AddressPolicy policy;
    private final DownloadSettings settings;
    private final VideoLimits limits;
    private final Clock clock;
    private final CloseableHttpClient client;

    VideoDownloader(DownloadSettings settings, VideoLimits limits, Clock clock) {
        this.policy = new AddressPolicy(settings.allowedAddresses());
        this.settings = settings;
        this.limits = limits;
        this.clock = clock;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(policy.dnsResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.readTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(true)
                        .setMaxRedirects(MAX_REDIRECTS)
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .setUserAgent("Atrium video download")
                .disableCookieManagement()
                .build();
    }

    /**
     * Checks a {@code video_url} when the upload is made, so an address that can never be downloaded is refused
     * at once (the download checks every address again, as DNS answers may change).
     *
     * @throws InvalidInputException for a URL that is malformed, not http(s), of an unknown host, or refused
     */
    public URI check(String url) {
        String trimmed = url.strip();
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw invalid("parameter_invalid", "video_url may be at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("parameter_invalid", "video_url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("parameter_invalid", "video_url must be an http or https URL.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank() || uri.getUserInfo() != null) {
            throw invalid("parameter_invalid", "video_url must name a host (and no user name or password).");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw invalid("parameter_invalid", "The host of video_url, " + uri.getHost() + ", could not be found.");
        }
        if (Arrays.stream(addresses).noneMatch(policy::permits)) {
            throw invalid("video_url_blocked", "video_url points to a loopback, link-local or private address, "
                    + "which this server does not download from.");
        }
        return uri;
    }

    /**
     * Downloads the URL and hands the body to {@code store}, which must read it to the end.
     *
     * @return what {@code store} returned
     * @throws DownloadFailure when the source refuses, is refused, is too large, too slow or unreachable
     */
    public <T> T download(String url, Function<InputStream, T> store) throws DownloadFailure {
        Instant deadline = clock.instant().plus(settings.timeout());
        long maxBytes = limits.maxFileSize().toBytes();
        HttpGet request = new HttpGet(url);
        try {
            return client.execute(request, response -> stored(request, response, store, maxBytes, deadline));
        } catch (DownloadFailure failure) {
            throw failure;
        } catch (AddressPolicy.RefusedAddress refused) {
            throw new DownloadFailure("video_url_blocked", "video_url, or a redirect from it, points to a loopback, "
                    + "link-local or private address, which this server does not download from.");
        } catch (UnknownHostException e) {
            throw new DownloadFailure("video_url_unreachable", "The host " + e.getMessage() + " could not be found.");
        } catch (IOException e) {
            throw new DownloadFailure("video_url_unreachable", "video_url could not be downloaded: " + e.getMessage());
        }
    }

    private <T> T stored(HttpGet request, ClassicHttpResponse response, Function<InputStream, T> store, long maxBytes,
            Instant deadline) throws IOException {
        int status = response.getCode();
        if (status != 200) {
            throw new DownloadFailure("video_url_unreachable", "video_url answered HTTP " + status + ".");
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw new DownloadFailure("video_url_unreachable", "video_url answered with no content.");
        }
        if (entity.getContentLength() > maxBytes) {
            request.cancel();
            throw tooLarge();
        }
        InputStream body = new LimitedStream(entity.getContent(), maxBytes, deadline);
        try {
            T stored = store.apply(body);
            body.close();
            return stored;
        } catch (RuntimeException e) {
            // Drops the connection first: closing the body of a refused file would otherwise read the rest of it.
            request.cancel();
            closeQuietly(body);
            // storage wraps what the stream threw; a download failure is reported as such
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DownloadFailure failure) {
                    throw failure;
                }
            }
            throw e;
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection was dropped on purpose; the failure being reported matters
        }
    }

    /** The file name a downloaded video is known by: the last segment of the URL's path. */
    public static String filename(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            return Filenames.clean(URLDecoder.decode(last, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
            return Filenames.clean(last);
        }
    }

    private DownloadFailure tooLarge() {
        return new DownloadFailure("video_filesize_too_large", "The file at video_url is larger than "
                + limits.maxFileSize() + ".");
    }

    private static InvalidInputException invalid(String code, String message) {
        return new InvalidInputException("video_url", code, message);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /** Stops reading past the size limit or the deadline (checked at every read; a stalled read times out). */
    private final class LimitedStream extends FilterInputStream {

        private final long maxBytes;
        private final Instant deadline;
        private long read;

        LimitedStream(InputStream in, long maxBytes, Instant deadline) {
            super(in);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (clock.instant().isAfter(deadline)) {
                throw new DownloadFailure("video_url_unreachable", "The download took longer than "
                        + settings.timeout().toMinutes() + " minutes.");
            }
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                read += count;
                if (read > maxBytes) {
                    throw tooLarge();
                }
            }
            return count;
        }
    }
}
