/**
 * Plans ({@code free}, {@code developer}, {@code enterprise}) and their limits, from configuration: API
 * requests per minute and per day for each endpoint category, indexing tasks per day, the free plan's
 * indexing minutes and index retention; Settings > Billing & Plan (R-PLAN-1). No payments.
 */
@ApplicationModule(allowedDependencies = {"account", "audit", "shared"})
package io.atrium.plan;

import org.springframework.modulith.ApplicationModule;
