-- Entity collections and entities of the TwelveLabs v1.3 surface: people to find in videos, each described by
-- reference images (image assets of the same account). Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table entity_collections (
    id          varchar(24)   not null primary key,
    account_id  varchar(24)   not null references accounts (id) on delete cascade,
    name        varchar(100)  not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint entity_collections_account_name unique (account_id, name)
);
create index entity_collections_account_created on entity_collections (account_id, created_at, id);

create table entities (
    id             varchar(24)   not null primary key,
    account_id     varchar(24)   not null references accounts (id) on delete cascade,
    collection_id  varchar(24)   not null references entity_collections (id) on delete cascade,
    name           varchar(100)  not null,
    -- JSON: a flat object of strings, numbers and booleans; null when there is none
    metadata       text,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create index entities_collection_created on entities (account_id, collection_id, created_at, id);

-- The assets of an entity, in the order they were given. No foreign key to assets (another feature's table): an
-- asset's deletion removes its rows here in the same transaction (AssetDeleted). ready is set once the asset is a
-- ready image; an asset never leaves that state, so only rows still false are ever looked at again.
create table entity_assets (
    entity_id      varchar(24)   not null references entities (id) on delete cascade,
    account_id     varchar(24)   not null references accounts (id) on delete cascade,
    collection_id  varchar(24)   not null,
    asset_id       varchar(24)   not null,
    position       integer       not null,
    ready          boolean       not null,
    primary key (entity_id, asset_id)
);
create index entity_assets_asset on entity_assets (account_id, asset_id);
create index entity_assets_collection_pending on entity_assets (account_id, collection_id, ready);
