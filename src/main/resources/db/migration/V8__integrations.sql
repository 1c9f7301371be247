-- S3 integrations of an account, and the imports made through them (R-RES-1…4).
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table integrations (
    id                      varchar(24)   not null primary key,
    account_id              varchar(24)   not null references accounts (id) on delete cascade,
    name                    varchar(100)  not null,
    bucket                  varchar(63)   not null,
    region                  varchar(32)   not null,
    -- for S3-compatible stores; null means AWS
    endpoint                varchar(500),
    prefix                  varchar(500)  not null,
    access_key_id           varchar(128)  not null,
    -- AES-256-GCM under a key derived from atrium.secret-key, bound to this row's id (never the secret itself)
    secret_access_key_sealed varchar(500) not null,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    constraint integrations_name_unique unique (account_id, name)
);
create index integrations_account_created on integrations (account_id, created_at);

-- One run of an import into an index; running while ended_at is null (one at a time per integration).
create table integration_imports (
    id               varchar(24)  not null primary key,
    account_id       varchar(24)  not null references accounts (id) on delete cascade,
    integration_id   varchar(24)  not null references integrations (id) on delete cascade,
    index_id         varchar(24)  not null references indexes (id) on delete cascade,
    incremental      boolean      not null,
    retry_failed     boolean      not null,
    created_at       timestamp with time zone not null,
    ended_at         timestamp with time zone
);
create index integration_imports_integration on integration_imports (account_id, integration_id, created_at);

-- Each object an import took up: the task it became, or why it could not be imported.
create table import_items (
    id               varchar(24)   not null primary key,
    account_id       varchar(24)   not null references accounts (id) on delete cascade,
    import_id        varchar(24)   not null references integration_imports (id) on delete cascade,
    integration_id   varchar(24)   not null,
    index_id         varchar(24)   not null,
    object_key       varchar(1024) not null,
    filename         varchar(500)  not null,
    size             bigint        not null,
    -- S3's entity tag: content-derived, so the same content is recognized on the next incremental import
    etag             varchar(200)  not null,
    task_id          varchar(24),
    video_id         varchar(24),
    error_message    varchar(500),
    created_at       timestamp with time zone not null
);
create index import_items_import on import_items (import_id);
create index import_items_target on import_items (account_id, integration_id, index_id, object_key);
