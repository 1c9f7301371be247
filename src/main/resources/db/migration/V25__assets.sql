-- Assets of the TwelveLabs v1.3 surface: files uploaded once (directly, from a URL or in chunks) and then
-- indexed into any number of the account's indexes. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table assets (
    id                  varchar(24)   not null primary key,
    account_id          varchar(24)   not null references accounts (id) on delete cascade,
    -- direct, url, multipart
    method              varchar(16)   not null,
    -- uploading (a multipart upload whose chunks have not all arrived), processing, ready, failed
    status              varchar(16)   not null,
    -- video, audio, image: what FFmpeg found in the file (for a multipart upload, what was declared until then)
    asset_type          varchar(8),
    filename            varchar(500)  not null,
    file_type           varchar(100),
    object_key          varchar(200),
    source_url          varchar(2000),
    size                bigint,
    duration            double precision,
    -- JSON, as the API shows it: read from the file by ffprobe
    technical_metadata  text,
    enable_hls          boolean       not null,
    enable_thumbnail    boolean       not null,
    -- pending, processing, ready, error; null when no thumbnail was asked for
    thumbnail_status    varchar(16),
    user_metadata       text,
    error_message       varchar(500),
    attempts            integer       not null default 0,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint assets_status_check check (status in ('uploading', 'processing', 'ready', 'failed'))
);
create index assets_account_created on assets (account_id, created_at, id);

-- An indexed asset is a video of an index made from an asset: its task and its video name the asset. The file
-- stays the asset's (the video's object_key is the asset's), so it is stored once however often it is indexed.
alter table video_tasks add column asset_id varchar(24);
alter table videos add column asset_id varchar(24);
create index video_tasks_asset on video_tasks (account_id, asset_id);
create index videos_asset on videos (account_id, asset_id);
