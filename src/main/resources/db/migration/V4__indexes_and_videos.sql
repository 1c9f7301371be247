-- Indexes of the TwelveLabs v1.3 surface, and the videos they hold (R-RES-1…3).
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table indexes (
    id          varchar(24)  not null primary key,
    account_id  varchar(24)  not null references accounts (id) on delete cascade,
    name        varchar(100) not null,
    -- JSON: [{"model_name": "marengo3.0", "model_options": ["visual", "audio"]}]
    models      text         not null,
    -- JSON: ["thumbnail"]
    addons      text         not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint indexes_name_unique unique (account_id, name)
);
create index indexes_account_created on indexes (account_id, created_at);

-- A video always belongs to one index of the same account; it goes with its index.
create table videos (
    id             varchar(24)   not null primary key,
    account_id     varchar(24)   not null references accounts (id) on delete cascade,
    index_id       varchar(24)   not null references indexes (id) on delete cascade,
    filename       varchar(500)  not null,
    duration       double precision not null,
    fps            double precision,
    width          integer,
    height         integer,
    size           bigint        not null,
    user_metadata  text,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    indexed_at     timestamp with time zone
);
create index videos_account_index on videos (account_id, index_id, created_at);
