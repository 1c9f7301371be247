package io.atrium.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over its limit is refused with 413 as soon as its size is known: over
 * {@code spring.servlet.multipart.max-file-size} when the Playground's form is parsed, over
 * {@code atrium.videos.max-file-size} when {@code POST /v1.3/tasks} reads its body. Ordered first, so that it
 * also answers for API controllers, whose own advice would otherwise take it for an unexpected failure.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    private final ApiErrors errors;

    UploadLimitHandler(ApiErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ApiErrors.response(HttpStatus.PAYLOAD_TOO_LARGE, errors.of("video_filesize_too_large",
                "The upload is larger than this server accepts."));
    }
}
