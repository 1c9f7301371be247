/**
 * Videos and their upload tasks on the TwelveLabs v1.3 surface: uploads streamed to storage, a durable task
 * queue in the database that every node works from, validation against the real file with FFmpeg, and the
 * {@code /v1.3/tasks} and {@code /v1.3/indexes/{id}/videos} endpoints.
 */
@ApplicationModule(allowedDependencies = {"api", "audit", "index", "organization", "plan", "shared", "storage"})
package io.atrium.video;

import org.springframework.modulith.ApplicationModule;
