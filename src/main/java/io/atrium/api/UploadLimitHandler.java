package io.atrium.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over {@code spring.servlet.multipart.max-file-size} is refused with 413 as soon as its size is
 * known, before any controller runs (so without one to scope this advice to).
 */
@RestControllerAdvice
class UploadLimitHandler {

    private final ApiErrors errors;

    UploadLimitHandler(ApiErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(errors.of("video_filesize_too_large",
                "The upload is larger than this server accepts."));
    }
}
