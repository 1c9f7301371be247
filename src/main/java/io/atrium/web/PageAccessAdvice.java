package io.atrium.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.atrium.shared.ForbiddenException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages' half of the access policy ({@link io.atrium.shared.Actor}): what a member may not do is hidden from
 * them, so a page or form they may not use answers 404, like a missing one. (The API answers the same refusal
 * with 403; its own advice comes first for its controllers.)
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageAccessAdvice {

    @ExceptionHandler(ForbiddenException.class)
    void hidden(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
