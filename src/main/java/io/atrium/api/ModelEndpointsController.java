package io.atrium.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The TwelveLabs model endpoints (search, analyze, gist, summarize, generate, embed, embed-v2, responses, knowledge-store
 * search): this server keeps indexes and videos but runs no models, and says so at once with 403
 * {@code api_not_allowed}. Entity search is one of them: the published API has no endpoint of its own for it, an
 * entity is named as {@code <@entity_id>} in the query of {@code /v1.3/search}. Not a 5xx: the official SDKs retry those, so a call would hang for seconds before failing.
 */
@ApiController
class ModelEndpointsController {

    private final ApiErrors errors;

    ModelEndpointsController(ApiErrors errors) {
        this.errors = errors;
    }

    @RequestMapping({"/v1.3/search", "/v1.3/search/**", "/v1.3/analyze", "/v1.3/analyze/**", "/v1.3/gist",
            "/v1.3/gist/**", "/v1.3/summarize", "/v1.3/summarize/**", "/v1.3/generate", "/v1.3/generate/**",
            "/v1.3/embed", "/v1.3/embed/**", "/v1.3/embed-v2", "/v1.3/embed-v2/**", "/v1.3/responses",
            "/v1.3/responses/**", "/v1.3/knowledge-stores/{id}/search"})
    ResponseEntity<ApiError> notOffered() {
        return ApiErrors.response(HttpStatus.FORBIDDEN, errors.of("api_not_allowed",
                "This server stores indexes and videos but runs no video understanding models, so search, analyze, "
                        + "gist, summarize, generate, embed and responses are not available here."));
    }
}
