/**
 * Where stored files live, behind {@link io.atrium.storage.ObjectStorage}: local files under the data directory
 * by default, an S3-compatible bucket when {@code atrium.storage.s3.bucket} is set.
 */
@ApplicationModule(allowedDependencies = {"shared"})
package io.atrium.storage;

import org.springframework.modulith.ApplicationModule;
