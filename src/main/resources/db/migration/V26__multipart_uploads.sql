-- Multipart uploads of assets (/v1.3/assets/multipart-uploads): a file sent in chunks, each straight to storage
-- (an S3 presigned part upload) or through this server (a signed chunk link on local storage), then put together
-- into its asset's file. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table multipart_uploads (
    id                  varchar(24)   not null primary key,
    account_id          varchar(24)   not null references accounts (id) on delete cascade,
    -- the asset the file becomes; it waits (status uploading) until every chunk is reported
    asset_id            varchar(24)   not null,
    -- the key the file is put together under (the asset's file once complete)
    object_key          varchar(200)  not null,
    -- storage's own id of the upload in parts: S3's multipart upload id
    storage_upload_id   varchar(1024) not null,
    -- active, completed, failed, expired
    status              varchar(16)   not null,
    total_size          bigint        not null,
    chunk_size          bigint        not null,
    total_chunks        integer       not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    constraint multipart_uploads_status_check check (status in ('active', 'completed', 'failed', 'expired'))
);
create index multipart_uploads_account on multipart_uploads (account_id, status, created_at, id);
-- the clean-up job looks for active uploads past their expiry
create index multipart_uploads_expiry on multipart_uploads (status, expires_at);

-- The chunks a client reported, with the proof (ETag) they were checked against; a chunk without a row is pending.
create table multipart_upload_chunks (
    upload_id           varchar(24)   not null references multipart_uploads (id) on delete cascade,
    account_id          varchar(24)   not null,
    chunk_index         integer       not null,
    -- completed (its proof matched what storage holds), failed (it did not, or nothing arrived)
    status              varchar(16)   not null,
    size                bigint        not null,
    etag                varchar(200),
    error_message       varchar(500),
    uploaded_at         timestamp with time zone,
    updated_at          timestamp with time zone not null,
    primary key (upload_id, chunk_index),
    constraint multipart_upload_chunks_status_check check (status in ('completed', 'failed'))
);
