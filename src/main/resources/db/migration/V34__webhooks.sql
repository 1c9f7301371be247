-- Webhook endpoints of an account and the deliveries of events to them (issue 17: Standard Webhooks).
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table webhook_endpoints (
    id                  varchar(24)   not null primary key,
    account_id          varchar(24)   not null references accounts (id) on delete cascade,
    url                 varchar(2048) not null,
    description         varchar(500)  not null,
    -- the event types it hears, comma-separated (task.ready,member.added)
    events              varchar(1000) not null,
    -- whsec_... sealed with AES-256-GCM under a key derived from atrium.secret-key, bound to this row's id
    secret_sealed       varchar(500)  not null,
    enabled             boolean       not null,
    -- when the first of the failures since its last success happened; a day of them disables the endpoint
    failing_since       timestamp with time zone,
    disabled_at         timestamp with time zone,
    -- who made it: the owner of a personal account, told when it is disabled
    created_by_user_id  varchar(24)   not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index webhook_endpoints_account_created on webhook_endpoints (account_id, created_at);

-- One message to one endpoint, with its attempts; kept 30 days. The body never holds a secret.
create table webhook_deliveries (
    id                 varchar(24)   not null primary key,
    account_id         varchar(24)   not null references accounts (id) on delete cascade,
    endpoint_id        varchar(24)   not null references webhook_endpoints (id) on delete cascade,
    -- the webhook-id header: the same for every attempt and for a resend, so receivers can drop duplicates
    message_id         varchar(40)   not null,
    event_type         varchar(40)   not null,
    payload            text          not null,
    status             varchar(16)   not null,
    attempts           integer       not null,
    response_code      integer,
    last_error         varchar(1000),
    next_attempt_at    timestamp with time zone,
    last_attempt_at    timestamp with time zone,
    duration_ms        bigint,
    created_at         timestamp with time zone not null,
    constraint webhook_deliveries_status_check check (status in ('pending', 'succeeded', 'failed'))
);
create index webhook_deliveries_endpoint_created on webhook_deliveries (endpoint_id, created_at);
create index webhook_deliveries_created on webhook_deliveries (created_at);
