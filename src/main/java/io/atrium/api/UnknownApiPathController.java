package io.atrium.api;

import org.springframework.web.bind.annotation.RequestMapping;

import io.atrium.shared.NotFoundException;

/** Any API path no controller serves answers 404 in the API's format rather than with an HTML page. */
@ApiController
class UnknownApiPathController {

    @RequestMapping({"/v1.3/**", "/api/v1/**"})
    void unknown() {
        throw new NotFoundException("API path");
    }
}
