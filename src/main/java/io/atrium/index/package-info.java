/**
 * Indexes of the TwelveLabs v1.3 surface: create with models and addons, list with filters, retrieve with
 * their video count and duration, rename, delete with their videos; the {@code /v1.3/indexes} endpoints and
 * the Playground's Indexes pages. Every query takes the caller's account id (R-RES-1…3).
 */
@ApplicationModule(allowedDependencies = {"api", "audit", "plan", "shared"})
package io.atrium.index;

import org.springframework.modulith.ApplicationModule;
