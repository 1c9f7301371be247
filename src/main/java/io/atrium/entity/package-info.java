/**
 * Entity collections and entities of the TwelveLabs v1.3 surface ({@code /v1.3/entity-collections…},
 * {@code /v1.3/assets/{id}/entities}): people to find in videos, each described by image assets of the account.
 * Metadata only: searching with an entity is a model call ({@code /v1.3/search}), which this server does not offer.
 * Every query takes the caller's account id; an entity is always found through its collection.
 */
@ApplicationModule(allowedDependencies = {"api", "shared", "video"})
package io.atrium.entity;

import org.springframework.modulith.ApplicationModule;
