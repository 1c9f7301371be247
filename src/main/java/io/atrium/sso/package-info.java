/**
 * Single sign-on per organization (OpenID Connect): Settings > Organization > SSO (the provider, its test, the email
 * domains the organization owns through DNS, turning it on and requiring it), the log-in through the organization's
 * provider with just-in-time members, and the rule {@link io.atrium.organization.ActiveAccounts} applies for
 * organizations that require it.
 */
@ApplicationModule(allowedDependencies = {"account", "audit", "organization", "shared"})
package io.atrium.sso;

import org.springframework.modulith.ApplicationModule;
