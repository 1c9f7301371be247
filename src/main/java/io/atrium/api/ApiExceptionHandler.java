package io.atrium.api;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.atrium.shared.ConflictException;
import io.atrium.shared.EmailNotConfirmedException;
import io.atrium.shared.ForbiddenException;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.LastAdminException;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.QuotaExceededException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns what API controllers throw into the error format of api.md, with the proper status, always as JSON (see
 * {@link ApiErrors#response}).
 */
@RestControllerAdvice(annotations = ApiController.class)
// Before the pages' advice, which would answer the API's controllers too: the API's format wins for them.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiErrors errors;

    ApiExceptionHandler(ApiErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e) {
        return firstProblem(HttpStatus.BAD_REQUEST, e);
    }

    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ApiError> quotaExceeded(QuotaExceededException e) {
        return firstProblem(HttpStatus.TOO_MANY_REQUESTS, e);
    }

    /** Breaking the last-admin rule conflicts with the organization's state rather than being bad input. */
    @ExceptionHandler(EmailNotConfirmedException.class)
    ResponseEntity<ApiError> emailNotConfirmed(EmailNotConfirmedException e) {
        return firstProblem(HttpStatus.FORBIDDEN, e);
    }

    @ExceptionHandler(LastAdminException.class)
    ResponseEntity<ApiError> lastAdmin(LastAdminException e) {
        return firstProblem(HttpStatus.CONFLICT, e);
    }

    private ResponseEntity<ApiError> firstProblem(HttpStatus status, InvalidInputException e) {
        InvalidInputException.Problem problem = e.problems().get(0);
        return ApiErrors.response(status, errors.of(problem.code(), problem.message()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return ApiErrors.response(HttpStatus.CONFLICT, errors.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return ApiErrors.response(HttpStatus.NOT_FOUND, errors.forStatus(HttpStatus.NOT_FOUND.value()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ApiError> forbidden(ForbiddenException e) {
        return ApiErrors.response(HttpStatus.FORBIDDEN, errors.of("forbidden", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = NestedExceptionUtils.getRootCause(e);
        if (cause instanceof ApiBodyLimit.BodyTooLargeException) {
            return ApiErrors.response(HttpStatus.PAYLOAD_TOO_LARGE, ApiBodyLimit.tooLarge(errors));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return ApiErrors.response(HttpStatus.BAD_REQUEST, errors.of("parameter_unknown",
                    unknown.getPropertyName() + " is not a field of this request."));
        }
        return ApiErrors.response(HttpStatus.BAD_REQUEST, errors.of("parameter_invalid",
                "The request body is not valid JSON of the expected shape."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return ApiErrors.response(HttpStatus.BAD_REQUEST, errors.of("parameter_not_provided",
                e.getParameterName() + " is required."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ApiErrors.response(HttpStatus.BAD_REQUEST,
                errors.of("parameter_invalid", e.getName() + " has the wrong type."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiErrors.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, errors.of("parameter_invalid",
                "Send the request body as application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ApiErrors.response(HttpStatus.METHOD_NOT_ALLOWED, errors.of("method_not_allowed",
                "This endpoint does not accept " + e.getMethod() + "."));
    }

    /** The client accepts no JSON; the API writes nothing else, so the answer is the error, in JSON all the same. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ApiErrors.response(HttpStatus.NOT_ACCEPTABLE, errors.notAcceptable());
    }

    /**
     * Tomcat could not read the parameters (more than its limit of 1000, or a malformed query or form body); it
     * says so only when a parameter is first asked for, which is here, in a controller.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> unreadableParameters(InvalidParameterException e) {
        if (e.getErrorCode() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return ApiErrors.response(HttpStatus.PAYLOAD_TOO_LARGE, errors.forStatus(e.getErrorCode()));
        }
        return ApiErrors.response(HttpStatus.BAD_REQUEST, errors.of("parameter_invalid", "The request's parameters "
                + "cannot be read: there are more than this server accepts, or they are malformed."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("API request failed", e);
        return ApiErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, errors.of("internal_error",
                "The server could not complete the request. Try again later."));
    }
}
