package io.atrium.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The TwelveLabs model endpoints (search, analyze, gist, summarize, embed, generate): this server keeps
 * indexes and videos but runs no models, and says so with 501 {@code api_not_allowed}.
 */
@ApiController
class ModelEndpointsController {

    private final ApiErrors errors;

    ModelEndpointsController(ApiErrors errors) {
        this.errors = errors;
    }

    @RequestMapping({"/v1.3/search", "/v1.3/search/**", "/v1.3/analyze", "/v1.3/analyze/**", "/v1.3/gist",
            "/v1.3/summarize", "/v1.3/generate", "/v1.3/embed", "/v1.3/embed/**"})
    ResponseEntity<ApiError> notOffered() {
        return ApiErrors.response(HttpStatus.NOT_IMPLEMENTED, errors.of("api_not_allowed",
                "This server stores indexes and videos but does not run video understanding models, so search, "
                        + "analyze, gist, summarize, generate and embed are not available here."));
    }
}
