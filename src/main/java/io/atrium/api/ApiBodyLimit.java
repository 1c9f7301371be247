package io.atrium.api;

import java.io.IOException;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Limits the body of every API request that is not an upload: JSON is read whole into memory before anything can
 * judge it, so a body far beyond what any call needs is refused with 413 {@code request_too_large}: at once when
 * its length is announced, and as soon as it passes the limit when it is sent in chunks. Uploads
 * ({@code multipart/form-data}) stream to storage and have limits of their own.
 */
@Component
class ApiBodyLimit extends OncePerRequestFilter {

    /** Far more than any JSON call takes (user metadata, the largest, is at most 10,000 characters). */
    static final long MAX_BYTES = 1024 * 1024;

    private final ApiErrors errors;

    ApiBodyLimit(ApiErrors errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !ApiPaths.isApiPath(request.getRequestURI())
                || (type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            errors.write(response, HttpStatus.PAYLOAD_TOO_LARGE.value(), tooLarge(errors));
            return;
        }
        chain.doFilter(new LimitedBody(request), response);
    }

    static ApiError tooLarge(ApiErrors errors) {
        return errors.of("request_too_large", "The request body is larger than " + MAX_BYTES / 1024
                + " KiB, far more than any call takes.");
    }

    /** Thrown while reading a chunked body that passes the limit; the exception handler answers 413. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException() {
            super("The request body is larger than " + MAX_BYTES + " bytes.");
        }
    }

    private static final class LimitedBody extends HttpServletRequestWrapper {

        private ServletInputStream limited;

        LimitedBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new CountingStream(super.getInputStream());
            }
            return limited;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream body;
        private long read;

        CountingStream(ServletInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > MAX_BYTES) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
