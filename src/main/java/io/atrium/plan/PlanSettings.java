package io.atrium.plan;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits of each plan ({@code atrium.plans.<plan>.*}); application.yml holds the defaults.
 *
 * @param free the plan every account starts on
 */
@ConfigurationProperties("atrium.plans")
public record PlanSettings(Limits free, Limits developer, Limits enterprise) {

    /**
     * @param rateLimits requests per minute and per day, per endpoint category ({@link EndpointCategory})
     * @param indexingTasksPerDay upload and import tasks an account may start per UTC day
     * @param indexingMinutes total minutes of video an account may have indexed; {@code null}: no quota
     * @param indexRetention how long an index is kept after its creation; {@code null}: for ever
     */
    public record Limits(Map<String, RateLimit> rateLimits, int indexingTasksPerDay, Integer indexingMinutes,
            Duration indexRetention) {

        public Limits {
            rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        }
    }

    public record RateLimit(int perMinute, int perDay) {
    }

    public Limits of(Plan plan) {
        return switch (plan) {
            case FREE -> free;
            case DEVELOPER -> developer;
            case ENTERPRISE -> enterprise;
        };
    }
}
