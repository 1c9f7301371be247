/**
 * API keys (R-KEY-*): their format, creation and revocation, Settings > API Keys, the {@code /api/v1/api-keys}
 * endpoints, and the filter that authenticates API requests with the {@code x-api-key} header.
 */
package io.atrium.apikey;
