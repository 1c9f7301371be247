/**
 * S3 integrations: an account's buckets, with credentials checked before they are saved and the secret sealed
 * at rest (R-RES-4), and the imports that turn a bucket's videos into upload tasks of an index
 * ({@code /api/v1/integrations}, {@code /v1.3/tasks/transfers/import/…}, the S3 Integrations pages).
 */
@ApplicationModule(allowedDependencies = {"api", "audit", "index", "shared", "video"})
package io.atrium.integration;

import org.springframework.modulith.ApplicationModule;
