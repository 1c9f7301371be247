/**
 * The Playground shell and the HTTP edge: security filter chains, the page layout (sidebar, profile menu),
 * the home page, error pages, and the start-up report.
 */
@ApplicationModule(allowedDependencies = {"account", "api", "apikey", "mail", "organization", "shared", "sso"})
package io.atrium.web;

import org.springframework.modulith.ApplicationModule;
