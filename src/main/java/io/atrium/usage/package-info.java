/**
 * Rate limits per account in aggregate over all its members and keys, on every node (in memory, or in Redis
 * when {@code spring.data.redis.*} is configured), with the {@code X-Ratelimit-*} headers (R-PLAN-2); usage per
 * account and day (API requests, tasks, minutes indexed, storage), Settings > Usage and {@code /api/v1/usage}
 * (R-PLAN-3).
 */
@ApplicationModule(allowedDependencies = {"api", "index", "plan", "shared", "video"})
package io.atrium.usage;

import org.springframework.modulith.ApplicationModule;
