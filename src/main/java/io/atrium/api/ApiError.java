package io.atrium.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The error body of both API surfaces: {@code {"code", "message", "docs_url"}}, plus a {@code reason} where
 * a code covers several causes (which kind of bad API key, for instance).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, @JsonProperty("docs_url") String docsUrl, String reason) {
}
