package io.atrium.integration;

/**
 * What a person or program sends to create or change an integration. On a change, a {@code null} field keeps
 * its value (the secret included, which is never shown back).
 */
public record IntegrationCommand(String name, String bucket, String region, String endpoint, String prefix,
        String accessKeyId, String secretAccessKey) {
}
