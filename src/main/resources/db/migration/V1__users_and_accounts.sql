-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL: keep to types and syntax both understand.

create table users (
    id            varchar(24)  not null primary key,
    email         varchar(254) not null,
    -- the address lower-cased: emails are unique and compared case-insensitively
    email_key     varchar(254) not null,
    name          varchar(100) not null,
    password_hash varchar(255) not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint users_email_key_unique unique (email_key)
);

create table accounts (
    id                   varchar(24)  not null primary key,
    kind                 varchar(16)  not null,
    -- organizations carry their own name; a personal account is named after its user
    name                 varchar(100),
    -- set only for a personal account: the user it belongs to (one per user)
    personal_of_user_id  varchar(24)  references users (id),
    plan                 varchar(16)  not null default 'free',
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint accounts_personal_unique unique (personal_of_user_id),
    constraint accounts_kind_check check (kind in ('personal', 'organization')),
    constraint accounts_plan_check check (plan in ('free', 'developer', 'enterprise')),
    constraint accounts_personal_owner_check check (
        (kind = 'personal' and personal_of_user_id is not null and name is null)
        or (kind = 'organization' and personal_of_user_id is null and name is not null))
);
