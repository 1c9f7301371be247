-- API requests per account, UTC day and caller: the key that made them and the member who created it (Settings >
-- Usage per member and per key, GET /api/v1/usage?group_by=). Only calls made with a key are counted, as in
-- usage_daily; Playground pages are not API requests. No foreign keys to users or api_keys: the counts of a revoked
-- key or a former member stay with the account's history. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.
create table usage_daily_callers (
    account_id    varchar(24) not null references accounts (id) on delete cascade,
    usage_day     date        not null,
    user_id       varchar(24) not null,
    api_key_id    varchar(24) not null,
    api_requests  bigint      not null default 0,
    primary key (account_id, usage_day, user_id, api_key_id)
);
