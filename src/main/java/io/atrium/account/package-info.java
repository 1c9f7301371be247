/**
 * Users and their accounts: sign-up, log-in (with throttling), profile changes, and the personal account
 * every user gets. Other features reach it through {@link io.atrium.account.AccountService}.
 */
package io.atrium.account;
