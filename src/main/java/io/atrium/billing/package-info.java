/**
 * Billing for a server that takes no payments (issue 18): a rate card per plan from configuration, one consolidated
 * statement per account and UTC month over every member and key (the current month "so far" with a projection,
 * closed months frozen and emailed), the account's billing contact, and a monthly budget with alerts at 50, 80 and
 * 100 % that may stop new indexing. Statements on Settings > Billing & Plan and {@code /api/v1/billing}; admins only.
 */
@ApplicationModule(allowedDependencies = {"api", "audit", "mail", "plan", "shared", "usage"})
package io.atrium.billing;

import org.springframework.modulith.ApplicationModule;
