-- Videos are listed page by page in the database (api.md, Videos): filtered, sorted and cut by SQL.
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- The first page and the count of an index's videos read these indexes only, newest or oldest first; id
-- breaks ties between videos created (or updated) at the same instant.
drop index videos_account_index;
create index videos_index_created on videos (account_id, index_id, created_at, id);
create index videos_index_updated on videos (account_id, index_id, updated_at, id);

-- User metadata, one row per key, for filtering: videos.user_metadata keeps the JSON that is shown, and
-- value_text is each value as the text a filter compares with ("news", "12", "2.5", "true"). Written with
-- the video in the same transaction; it goes with its video (and so with its index and account).
-- V7 (a Java migration, io.atrium.video.VideoMetadataBackfill) fills it for the videos that exist already.
create table video_metadata (
    video_id    varchar(24)  not null references videos (id) on delete cascade,
    account_id  varchar(24)  not null,
    name        varchar(100) not null,
    -- no index on the value: a value may be longer than a B-tree entry can hold
    value_text  varchar      not null,
    primary key (video_id, name)
);
