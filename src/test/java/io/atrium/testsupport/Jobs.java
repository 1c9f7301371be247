package io.atrium.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Background jobs as another node left them in db-scheduler's table. */
public final class Jobs {

    private Jobs() {
    }

    /** A job picked by a node that has since died: its last heartbeat is ten minutes old. */
    public static void pickedByADeadNode(JdbcClient jdbc, String job, String instance) {
        pickedBy(jdbc, job, instance, "crashed-node", "current_timestamp - interval '10' minute");
    }

    /** A job a live node is working on right now: its heartbeat is fresh. */
    public static void pickedByALiveNode(JdbcClient jdbc, String job, String instance) {
        pickedBy(jdbc, job, instance, "busy-node", "current_timestamp");
    }

    private static void pickedBy(JdbcClient jdbc, String job, String instance, String node, String heartbeat) {
        jdbc.sql("delete from scheduled_tasks where task_name = :job and task_instance = :instance")
                .param("job", job).param("instance", instance).update();
        jdbc.sql("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by, "
                        + "last_heartbeat, version) values (:job, :instance, " + heartbeat + ", true, :node, " + heartbeat + ", 1)")
                .param("job", job).param("instance", instance).param("node", node).update();
    }
}
