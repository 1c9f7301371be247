/**
 * Users and their accounts: sign-up, log-in (with throttling), profile changes, and the personal account
 * every user gets. Other features reach it through {@link io.atrium.account.AccountService}.
 */
@ApplicationModule(allowedDependencies = {"audit", "mail", "shared"})
package io.atrium.account;

import org.springframework.modulith.ApplicationModule;
