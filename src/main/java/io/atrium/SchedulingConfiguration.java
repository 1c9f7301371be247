package io.atrium;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background work ({@code @Scheduled}: mail delivery, the task queue and its sweeper, usage and last-used
 * counters) runs on every node, except in one-off commands ({@link AtriumApplication#RESEAL_SECRETS}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "atrium.background-work", matchIfMissing = true)
class SchedulingConfiguration {
}
