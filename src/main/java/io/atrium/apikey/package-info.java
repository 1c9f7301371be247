/**
 * API keys (R-KEY-*): their format, creation and revocation, Settings > API Keys, the {@code /api/v1/api-keys}
 * endpoints, and the filter that authenticates API requests with the {@code x-api-key} header.
 */
@ApplicationModule(allowedDependencies = {"account", "api", "audit", "mail", "organization", "shared"})
package io.atrium.apikey;

import org.springframework.modulith.ApplicationModule;
