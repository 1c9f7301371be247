package io.atrium.usage;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import io.atrium.api.ApiCaller;
import io.atrium.api.ApiErrors;
import io.atrium.plan.EndpointCategory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs before every API call made with a key: counts it against the account's budget for its category, puts
 * the {@code X-Ratelimit-*} headers on the response, answers 429 {@code too_many_requests} over the limit,
 * and counts the request in the account's usage.
 */
@Component
class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;
    private final UsageRecorder usage;
    private final ApiErrors errors;
    private final JsonMapper json;

    RateLimitInterceptor(RateLimiter limiter, UsageRecorder usage, ApiErrors errors, JsonMapper json) {
        this.limiter = limiter;
        this.usage = usage;
        this.errors = errors;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ApiCaller caller)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        EndpointCategory category = categoryOf(request.getMethod(), path);
        RateLimiter.Decision decision = limiter.hit(caller.accountId(), category);
        response.setHeader("X-Ratelimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-Ratelimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-Ratelimit-Used", Long.toString(decision.used()));
        response.setHeader("X-Ratelimit-Reset", Long.toString(decision.reset()));
        if (decision.allowed()) {
            usage.countRequest(caller.accountId(), caller.userId(), caller.keyRowId());
            return true;
        }
        long wait = Math.max(1, decision.reset() - Instant.now().getEpochSecond());
        response.setHeader("Retry-After", Long.toString(wait));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), errors.of("too_many_requests", "This account has made "
                + decision.limit() + " " + category.key() + " requests this " + decision.window()
                + ", the limit of its plan. Try again after " + Instant.ofEpochSecond(decision.reset()) + "."));
        return false;
    }

    private static final java.util.regex.Pattern INDEXING_AN_ASSET =
            java.util.regex.Pattern.compile("/v1\\.3/indexes/[^/]+/indexed-assets");

    /**
     * {@code /api/v1} is management; starting an upload (a task, an asset, a multipart upload, the indexing of an
     * asset) or an S3 import is upload; the rest of {@code /v1.3} resources.
     */
    static EndpointCategory categoryOf(String method, String path) {
        if (path.startsWith("/api/v1/")) {
            return EndpointCategory.MANAGEMENT;
        }
        boolean startsWork = method.equals("POST") && (path.equals("/v1.3/tasks")
                || path.startsWith("/v1.3/tasks/transfers/import/") || path.equals("/v1.3/assets")
                || path.equals("/v1.3/assets/multipart-uploads") || INDEXING_AN_ASSET.matcher(path).matches());
        return startsWork ? EndpointCategory.UPLOAD : EndpointCategory.RESOURCES;
    }
}
