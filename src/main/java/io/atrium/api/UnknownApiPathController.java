package io.atrium.api;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Any API path no controller takes answers in the API's format rather than with an HTML page: 405 with the methods
 * it does take when another method would have reached a controller, else 404 {@code endpoint_not_exist} (not
 * {@code resource_not_exist}, which tells a client that an id it sent is unknown).
 */
@Hidden
@ApiController
class UnknownApiPathController {

    private final RequestMappingHandlerMapping mappings;
    private final ApiErrors errors;

    UnknownApiPathController(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            ApiErrors errors) {
        this.mappings = mappings;
        this.errors = errors;
    }

    @RequestMapping({"/v1.3/**", "/api/v1/**"})
    ResponseEntity<ApiError> unknown(HttpServletRequest request) {
        Set<String> allowed = methodsServing(request);
        if (!allowed.isEmpty()) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                    .body(errors.of("method_not_allowed", "This endpoint does not accept " + request.getMethod()
                            + ". It accepts " + String.join(", ", allowed) + "."));
        }
        return ApiErrors.response(HttpStatus.NOT_FOUND, errors.of("endpoint_not_exist",
                "No API endpoint has this path. Check it against the API reference."));
    }

    /** The methods of the other API handlers whose path patterns match this request's path. */
    private Set<String> methodsServing(HttpServletRequest request) {
        Set<String> methods = new TreeSet<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            if (handler.getBeanType() == UnknownApiPathController.class || info.getPathPatternsCondition() == null
                    || info.getPathPatternsCondition().getMatchingCondition(request) == null) {
                continue;
            }
            methods.addAll(info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet()));
        }
        return methods;
    }
}
