-- Usage per account and UTC day (R-PLAN-3). Counters are added to by every node; storage_bytes is the
-- account's stored video at the last change that day. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.
create table usage_daily (
    account_id       varchar(24)      not null references accounts (id) on delete cascade,
    usage_day        date             not null,
    api_requests     bigint           not null default 0,
    tasks            bigint           not null default 0,
    seconds_indexed  double precision not null default 0,
    storage_bytes    bigint,
    primary key (account_id, usage_day)
);
