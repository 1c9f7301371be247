package io.atrium.api;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.atrium.shared.PublicUrl;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Builds API errors whose {@code docs_url} points at this server's page that explains each code. */
@Component
public class ApiErrors {

    static final String DOCS_PATH = "/docs/errors.html";

    private final PublicUrl publicUrl;
    private final JsonMapper json;

    ApiErrors(PublicUrl publicUrl, JsonMapper json) {
        this.publicUrl = publicUrl;
        this.json = json;
    }

    public ApiError of(String code, String message) {
        return withReason(code, message, null);
    }

    public ApiError withReason(String code, String message, String reason) {
        return new ApiError(code, message, publicUrl.of(DOCS_PATH + "#" + code), reason);
    }

    /** For filters, which answer before any controller or message converter is involved. */
    public void write(HttpServletResponse response, int status, ApiError error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), error);
    }
}
