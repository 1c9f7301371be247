package io.atrium.api;

import java.io.IOException;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    /**
     * The error for a status that a layer below the API's controllers chose (the servlet container, the security
     * firewall, Spring MVC's routing), which says nothing more specific: one stable code per status.
     */
    public ApiError forStatus(int status) {
        return switch (status) {
            case 401 -> of("api_key_invalid", "No valid API key was provided. Send your key in the x-api-key header.");
            case 403 -> of("forbidden", "This request is not allowed.");
            case 404 -> of("resource_not_exist", "The requested resource does not exist.");
            case 405 -> of("method_not_allowed", "This endpoint does not accept this HTTP method.");
            case 406 -> notAcceptable();
            case 408 -> of("request_timeout", "The request did not arrive in time: its body stopped coming.");
            case 413 -> of("request_too_large", "The request is larger than this server accepts.");
            case 415 -> of("parameter_invalid", "The request body's content type is not accepted here.");
            case 429 -> of("too_many_requests", "Too many requests. Try again later.");
            // 501 and 505: a transfer coding or an HTTP version the server does not speak, the client's to change
            default -> status >= 500 && status != 501 && status != 505
                    ? of("internal_error", "The server could not complete the request. Try again later.")
                    : rejected();
        };
    }

    /** A request refused for its form (URL, headers, framing) before anything looked at what it asks. */
    public ApiError rejected() {
        return of("request_rejected", "The request is malformed or uses something this server refuses: check its "
                + "URL (no encoded slash, backslash or NUL, no dot segments, no path parameters), its headers and "
                + "the framing of its body.");
    }

    public ApiError notAcceptable() {
        return of("not_acceptable", "This API answers in JSON only: accept application/json.");
    }

    /**
     * An error answer for a controller or an exception handler, in JSON whatever the request's {@code Accept} says:
     * a content type set on the response is not negotiated, so a client that accepts only XML still learns why.
     */
    public static ResponseEntity<ApiError> response(HttpStatusCode status, ApiError error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }

    /** For filters, which answer before any controller or message converter is involved. */
    public void write(HttpServletResponse response, int status, ApiError error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), error);
    }

    /** The error as JSON text, for the servlet container's error report, which writes characters. */
    public String toJson(ApiError error) {
        return json.writeValueAsString(error);
    }
}
