package io.atrium.usage;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.atrium.plan.EndpointCategory;
import io.atrium.plan.RequestCounts;

/** The rate limiter's current counts, for the plan's page. */
@Component
class RateLimitCounts implements RequestCounts {

    private final RateLimiter limiter;

    RateLimitCounts(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Map<String, Counted> now(String accountId) {
        Map<String, Counted> counts = new LinkedHashMap<>();
        for (EndpointCategory category : EndpointCategory.values()) {
            RateLimitStore.Counts current = limiter.peek(accountId, category);
            counts.put(category.key(), new Counted(current.minute(), current.day()));
        }
        return counts;
    }
}
