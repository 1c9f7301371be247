-- Single sign-on per organization (OpenID Connect). Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- The organization's provider. The client secret is sealed with AES-256-GCM under a key derived from
-- atrium.secret-key, bound to the organization's id (never the secret itself).
create table sso_settings (
    account_id            varchar(24)   not null primary key references accounts (id) on delete cascade,
    issuer                varchar(500)  not null,
    client_id             varchar(255)  not null,
    client_secret_sealed  varchar(1000) not null,
    -- the role of people who join through single sign-on
    join_role             varchar(16)   not null,
    -- when Test connection last came back with the testing administrator's verified address, for this provider;
    -- a change of issuer, client id or secret clears it (and turns single sign-on off)
    tested_at             timestamp with time zone,
    enabled               boolean       not null default false,
    require_sso           boolean       not null default false,
    updated_at            timestamp with time zone not null,
    constraint sso_settings_role_check check (join_role in ('admin', 'member'))
);

-- Email domains an organization claims. A domain is owned once its DNS TXT record was found; owned_domain is then
-- set, and its uniqueness keeps a domain with one organization (unverified claims are many and own nothing).
create table sso_domains (
    account_id    varchar(24)  not null references accounts (id) on delete cascade,
    domain        varchar(253) not null,
    owned_domain  varchar(253),
    created_at    timestamp with time zone not null,
    verified_at   timestamp with time zone,
    primary key (account_id, domain),
    constraint sso_domains_owned_unique unique (owned_domain)
);
