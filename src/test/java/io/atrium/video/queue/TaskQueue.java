package io.atrium.video.queue;

import org.springframework.context.ApplicationContext;

/** Works the task queue once, now: for tests that hold the scheduled worker back to look at tasks in between. */
public final class TaskQueue {

    private TaskQueue() {
    }

    public static void workOnce(ApplicationContext context) {
        TaskWorker worker = context.getBean(TaskWorker.class);
        worker.workDueTasks();
        worker.workDueTasks();
    }
}
