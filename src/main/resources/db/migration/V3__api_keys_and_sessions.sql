-- API keys (R-KEY-*) and the session store shared by every node (Spring Session JDBC).
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table api_keys (
    id                  varchar(24)  not null primary key,
    account_id          varchar(24)  not null references accounts (id) on delete cascade,
    -- the public part of the key, after the fixed prefix: shown in lists, safe to log
    key_id              varchar(16)  not null,
    -- SHA-256 of the secret part, hex; the key itself is never stored
    secret_hash         varchar(64)  not null,
    name                varchar(100) not null,
    created_by_user_id  varchar(24)  not null references users (id),
    created_at          timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    revoked_at          timestamp with time zone,
    revoked_by_user_id  varchar(24)  references users (id),
    last_used_at        timestamp with time zone,
    constraint api_keys_key_id_unique unique (key_id)
);
create index api_keys_account_created on api_keys (account_id, created_at);
create index api_keys_account_creator on api_keys (account_id, created_by_user_id);

-- Spring Session's own schema (spring-session-jdbc schema-postgresql.sql), kept here so Flyway owns it.
create table spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)     not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
