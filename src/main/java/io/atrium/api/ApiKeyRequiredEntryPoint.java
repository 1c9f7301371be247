package io.atrium.api;

import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The answer to an API request that carried no key: 401 {@code api_key_invalid}, reason {@code missing}. */
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
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, errors.withReason("api_key_invalid",
                "No API key was provided. Send your key in the x-api-key header.", "missing"));
    }
}
