-- Upload tasks of the TwelveLabs v1.3 surface, kept as a durable queue that every node works from.
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table video_tasks (
    id                   varchar(24)   not null primary key,
    account_id           varchar(24)   not null references accounts (id) on delete cascade,
    index_id             varchar(24)   not null references indexes (id) on delete cascade,
    -- reserved when the task is created, so the answer to the upload can name it
    video_id             varchar(24)   not null,
    -- validating, pending, queued, indexing, ready, failed
    status               varchar(16)   not null,
    error_code           varchar(64),
    error_message        varchar(500),
    filename             varchar(500)  not null,
    -- where the uploaded file is kept; null once its video has been deleted
    object_key           varchar(200),
    size                 bigint        not null,
    duration             double precision,
    fps                  double precision,
    width                integer,
    height               integer,
    enable_video_stream  boolean       not null,
    user_metadata        text,
    -- a node working on the task holds it until this time; after a crash another node takes it over
    claimed_until        timestamp with time zone,
    attempts             integer       not null default 0,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint video_tasks_status_check check (status in ('validating', 'pending', 'queued', 'indexing', 'ready', 'failed'))
);
create index video_tasks_account_created on video_tasks (account_id, created_at);
create index video_tasks_due on video_tasks (status, claimed_until);

alter table videos add column object_key varchar(200);
alter table videos add column enable_video_stream boolean not null default true;
