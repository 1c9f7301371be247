package io.atrium;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.validation.annotation.Validated;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.Task;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Durable background jobs (a message to deliver, a video task to work on) run on db-scheduler: each job is a row
 * of {@code scheduled_tasks}, written in the transaction that creates its subject, picked by one node at a time and
 * revived on another node when the one working on it stops sending heartbeats. Every module declares its jobs as
 * {@link Task} beans; this builds the one scheduler that runs them, and starts it on nodes that do background work
 * (not in one-off commands, {@link AtriumApplication#RESEAL_SECRETS}).
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /**
     * @param pollInterval how often a node looks for due jobs
     * @param threads how many jobs one node runs at once (mail and video tasks share them)
     * @param heartbeatInterval how often a node says it is still working on its jobs; a job whose node missed four
     *     heartbeats is taken over by another node
     * @param shutdownWait how long a stopping node lets its running jobs finish; a job cut off is revived later
     */
    @Validated
    @ConfigurationProperties("atrium.jobs")
    record JobsProperties(@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("4") @Positive int threads,
            @DefaultValue("30s") @NotNull Duration heartbeatInterval, @DefaultValue("20s") @NotNull Duration shutdownWait) {
    }

    static final int MISSED_HEARTBEATS_BEFORE_DEAD = 4;

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    Scheduler scheduler(DataSource dataSource, List<Task<?>> jobs, JobsProperties properties, Clock clock) {
        // Recurring jobs (such as the expiry of multipart uploads) put their first run in place when the scheduler
        // starts; the builder knows them from that list.
        List recurring = jobs.stream().filter(RecurringTask.class::isInstance).toList();
        List<Task<?>> others = jobs.stream().filter(job -> !(job instanceof RecurringTask)).toList();
        // Jobs scheduled inside a Spring transaction are written by it: a job exists if and only if its subject does.
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), others)
                .startTasks(recurring)
                .clock(clock::instant)
                .pollingInterval(properties.pollInterval())
                .threads(properties.threads())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS_BEFORE_DEAD)
                .shutdownMaxWait(properties.shutdownWait())
                .alwaysPersistTimestampInUTC()
                .build();
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, Environment environment) {
        return new SchedulerLifecycle(scheduler, environment.getProperty("atrium.background-work", Boolean.class, true));
    }

    /**
     * Starts the scheduler with the context and stops it, letting running jobs finish, when the context is closed.
     * In between, a stopped context (as Spring's test framework pauses cached contexts) only pauses its polling, since
     * a stopped scheduler cannot start again.
     */
    static final class SchedulerLifecycle implements SmartLifecycle, DisposableBean {

        private final Scheduler scheduler;
        private final boolean backgroundWork;
        private boolean started;
        private volatile boolean running;

        SchedulerLifecycle(Scheduler scheduler, boolean backgroundWork) {
            this.scheduler = scheduler;
            this.backgroundWork = backgroundWork;
        }

        @Override
        public synchronized void start() {
            if (backgroundWork && !started) {
                scheduler.start();
                started = true;
            } else if (started) {
                scheduler.resume();
            }
            running = true;
        }

        @Override
        public synchronized void stop() {
            if (started) {
                scheduler.pause();
            }
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public synchronized void destroy() {
            if (started) {
                scheduler.stop();
            }
        }
    }
}
