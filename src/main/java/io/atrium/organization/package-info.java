/**
 * Organizations, their members and roles, and which account a user is working in (the active account and
 * the "Switch organization accounts" menu). Rules R-ORG-* and R-SW-*.
 */
@ApplicationModule(allowedDependencies = {"account", "api", "audit", "mail", "shared"})
package io.atrium.organization;

import org.springframework.modulith.ApplicationModule;
