package io.atrium.api;

import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The answer to an API request that did not authenticate with a valid key: 401 {@code api_key_invalid}
 * with a {@code reason}. A key sent in the query string is refused outright (R-KEY-4), since URLs end up in
 * logs and browser histories; its value is never echoed or logged.
 */
@Component
public class ApiKeyRequiredEntryPoint implements AuthenticationEntryPoint {

    public static final String HEADER = "x-api-key";

    private final ApiErrors errors;

    ApiKeyRequiredEntryPoint(ApiErrors errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        ApiError error;
        if (keyInQueryString(request)) {
            error = errors.withReason("api_key_invalid",
                    "API keys are accepted only in the x-api-key header, never in the URL.", "key_in_query");
        } else if (request.getHeader(HEADER) == null || request.getHeader(HEADER).isBlank()) {
            error = errors.withReason("api_key_invalid",
                    "No API key was provided. Send your key in the x-api-key header.", "missing");
        } else {
            error = errors.withReason("api_key_invalid",
                    "The API key is not valid. Check it on Settings > API Keys.", "unknown");
        }
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, error);
    }

    private static boolean keyInQueryString(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        var parameters = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        return parameters.keySet().stream()
                .anyMatch(name -> name.equalsIgnoreCase(HEADER) || name.equalsIgnoreCase("api_key")
                        || name.equalsIgnoreCase("apikey"));
    }
}
