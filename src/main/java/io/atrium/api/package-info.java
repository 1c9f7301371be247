/**
 * What the two HTTP API surfaces ({@code /v1.3} and {@code /api/v1}) share: the JSON error format of
 * {@code api.md} and the answer to a request without a valid API key.
 */
@ApplicationModule(allowedDependencies = {"shared"})
package io.atrium.api;

import org.springframework.modulith.ApplicationModule;
