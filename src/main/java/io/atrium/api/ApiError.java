package io.atrium.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The error body of both API surfaces: {@code {"code", "message", "docs_url"}}, plus a {@code reason} where
 * a code covers several causes (which kind of bad API key, for instance).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApiError(String code, String message, String docsUrl, String reason) {
}
