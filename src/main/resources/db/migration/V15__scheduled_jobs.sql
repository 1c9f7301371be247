-- Background jobs (mail delivery, video tasks) are run by db-scheduler: one row per pending job, picked by one
-- node at a time, kept alive by its heartbeat and revived on another node when that node dies. The table is
-- db-scheduler's own (its PostgreSQL schema, in types H2 accepts too).
create table scheduled_tasks (
    task_name            varchar(100)  not null,
    task_instance        varchar(100)  not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean       not null,
    picked_by            varchar(100),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint        not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- What the two hand-made leased queues still held becomes jobs: undelivered mail and unfinished video tasks.
insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
select 'mail-delivery', id, next_attempt_at, false, 1 from mail_outbox where status = 'pending';
insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
select 'video-task', id, created_at, false, 1 from video_tasks where status not in ('ready', 'failed');

-- The leases are db-scheduler's now.
drop index video_tasks_due;
alter table video_tasks drop column claimed_until;
drop index mail_outbox_due;
