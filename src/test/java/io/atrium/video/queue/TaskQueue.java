package io.atrium.video.queue;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.Scheduler;

import io.atrium.video.VideoTasks;

/**
 * Works every queued video task now, and returns when none is left: for tests that hold the scheduler's polling back
 * ({@code atrium.jobs.poll-interval=1h}) to look at tasks in between.
 */
public final class TaskQueue {

    private TaskQueue() {
    }

    public static void workOnce(ApplicationContext context) {
        Scheduler scheduler = context.getBean(Scheduler.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            scheduler.triggerCheckForDueExecutions();
            return jdbc.sql("select count(*) from scheduled_tasks where task_name = :job")
                    .param("job", VideoTasks.JOB.getTaskName()).query(Long.class).single() == 0;
        });
    }
}
