package io.atrium.apikey;

import java.io.IOException;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UrlPathHelper;

import io.atrium.api.ApiErrors;
import io.atrium.api.ApiKeyAuthentication;
import io.atrium.api.ApiKeyRequiredEntryPoint;
import io.atrium.shared.FixedWindowBudget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates API requests by the {@code x-api-key} header (R-KEY-4). A key in the query string is refused
 * outright, since URLs end up in logs and browser histories; a bad key is answered with 401 and a reason.
 * Neither the key nor any part of its secret is ever logged or echoed. Requests without the header go on
 * unauthenticated, and the API's entry point answers them. A client address that has presented too many
 * malformed or unknown keys is answered 429 before its next key is looked up ({@link InvalidKeyBudget}). A good key
 * used from outside its allowed addresses, or for a request outside its scopes, is answered 403 (issue 17).
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final ApiKeyVerifier verifier;
    private final InvalidKeyBudget invalidKeys;
    private final ApiErrors errors;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiKeyAuthenticationFilter(ApiKeyVerifier verifier, InvalidKeyBudget invalidKeys, ApiErrors errors) {
        this.verifier = verifier;
        this.invalidKeys = invalidKeys;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (keyInQueryString(request)) {
            errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, errors.withReason("api_key_invalid",
                    "API keys are accepted only in the x-api-key header, never in the URL.", "key_in_query"));
            return;
        }
        String presented = request.getHeader(ApiKeyRequiredEntryPoint.HEADER);
        if (presented == null || presented.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        String key = presented.strip();
        String address = request.getRemoteAddr();
        Duration wait = invalidKeys.waitFor(address);
        // An address over its budget gets no database lookup; a key this node has just checked costs none, so the
        // busy keys of clients that share the address (behind one NAT) keep working.
        if (!wait.isZero() && !verifier.isKnownWithoutLookup(key)) {
            long seconds = FixedWindowBudget.secondsRoundedUp(wait);
            response.setHeader("Retry-After", Long.toString(seconds));
            errors.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), errors.of("too_many_requests",
                    "Too many invalid API keys came from this address. Try again in " + seconds + " seconds."));
            return;
        }
        ApiKeyVerifier.Verification verification = verifier.verify(key);
        if (!verification.accepted()) {
            if (verification.rejection() == ApiKeyVerifier.Rejection.MALFORMED
                    || verification.rejection() == ApiKeyVerifier.Rejection.UNKNOWN) {
                invalidKeys.recordInvalid(address);
            }
            errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, errors.withReason("api_key_invalid",
                    verification.rejection().message(), verification.rejection().reason()));
            return;
        }
        if (!verification.allowedAddresses().allows(address)) {
            errors.write(response, HttpServletResponse.SC_FORBIDDEN, errors.of("api_key_address_not_allowed",
                    "This API key is not accepted from " + address + ". Its allowed addresses are set on Settings > API Keys."));
            return;
        }
        // The decoded path, as the dispatcher will route it: an encoded letter must not move a call between scopes.
        ApiKeyScope needed = ApiKeyScope.requiredFor(request.getMethod(), PATHS.getPathWithinApplication(request));
        if (!verification.scopes().contains(needed)) {
            errors.write(response, HttpServletResponse.SC_FORBIDDEN, errors.of("api_key_scope_missing",
                    "This API key lacks the scope " + needed.value() + ", which this request needs."));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(verification.caller()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static boolean keyInQueryString(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        return UriComponentsBuilder.newInstance().query(query).build().getQueryParams().keySet().stream()
                .anyMatch(name -> name.equalsIgnoreCase(ApiKeyRequiredEntryPoint.HEADER)
                        || name.equalsIgnoreCase("api_key") || name.equalsIgnoreCase("apikey"));
    }
}
