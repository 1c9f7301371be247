package io.atrium.api;

import org.springframework.web.bind.annotation.RequestMapping;

import io.atrium.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;

/** Any API path no controller serves answers 404 in the API's format rather than with an HTML page. */
@Hidden
@ApiController
class UnknownApiPathController {

    @RequestMapping({"/v1.3/**", "/api/v1/**"})
    void unknown() {
        throw new NotFoundException("API path");
    }
}
