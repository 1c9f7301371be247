package io.atrium.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work (mail delivery, the task queue) runs on every node, except in one-off commands. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "atrium.background-work", matchIfMissing = true)
class SchedulingConfiguration {
}
