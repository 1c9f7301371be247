-- Two-factor log-in (RFC 6238). A user's row exists from the moment they start setting it up; enabled_at is set when
-- they confirm a first code, and only from then on does log-in ask for one.
create table two_factor (
    user_id        varchar(24)  not null primary key references users (id) on delete cascade,
    -- the shared secret (base32), sealed under the server's master secret (shared.ServerSecret) for this user
    secret_sealed  varchar(500) not null,
    enabled_at     timestamp with time zone,
    -- the time step of the last code accepted: a code of that step or an earlier one is refused, so none is replayed
    last_used_step bigint,
    created_at     timestamp with time zone not null
);

-- Single-use codes for when the authenticator is lost. The codes are shown once; only their SHA-256 is kept.
create table recovery_codes (
    user_id   varchar(24) not null references users (id) on delete cascade,
    code_hash varchar(64) not null,
    used_at   timestamp with time zone,
    primary key (user_id, code_hash)
);
