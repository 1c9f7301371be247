-- HLS renditions: an .m3u8 playlist and its MPEG-TS segments, made once per stored media object (a video today)
-- by a durable job and stored beside it. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table hls_renditions (
    account_id   varchar(24)   not null references accounts (id) on delete cascade,
    -- the video (or other stored media) the rendition is made from; its objects share the media id's key prefix
    media_id     varchar(24)   not null,
    -- the stored file FFmpeg reads
    object_key   varchar(200)  not null,
    -- pending, processing, ready, error
    status       varchar(16)   not null,
    -- how many segments the playlist lists (hls-00000.ts up to hls-<segments - 1>.ts), once ready
    segments     integer,
    -- why packaging failed, for operators (the API shows only the status)
    error        varchar(500),
    attempts     integer       not null default 0,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    primary key (account_id, media_id),
    constraint hls_renditions_status_check check (status in ('pending', 'processing', 'ready', 'error'))
);

-- Videos stored before HLS renditions existed, and uploaded for streaming, are packaged too: a pending row and its
-- job (db-scheduler's row, as SchedulerClient.schedule writes it for a job without data) for each.
insert into hls_renditions (account_id, media_id, object_key, status, attempts, created_at, updated_at)
select account_id, id, object_key, 'pending', 0, current_timestamp, current_timestamp
from videos where enable_video_stream and object_key is not null;

insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
select 'hls-rendition', account_id || '/' || media_id, current_timestamp, false, 1
from hls_renditions;
