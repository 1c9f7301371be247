-- Billing (issue 18): per account a billing contact, a monthly budget and its alerts, and the statements of closed
-- months, frozen with the rate card seen at close. Money is in minor units of the statement's currency (bigint);
-- quantities and unit prices are exact decimals. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.
create table billing_details (
    account_id    varchar(24)  not null primary key references accounts (id) on delete cascade,
    contact_name  varchar(200),
    contact_email varchar(254),
    address       varchar(1000),
    tax_id        varchar(100),
    updated_at    timestamp with time zone not null
);

create table billing_budgets (
    account_id     varchar(24) not null primary key references accounts (id) on delete cascade,
    amount_minor   bigint      not null,
    currency       varchar(3)  not null,
    stop_indexing  boolean     not null,
    updated_at     timestamp with time zone not null,
    constraint billing_budgets_amount_check check (amount_minor > 0)
);

-- One row per account, month and threshold (50, 80, 100): its primary key makes each alert once per month.
create table billing_budget_alerts (
    account_id  varchar(24) not null references accounts (id) on delete cascade,
    period      date        not null,
    threshold   integer     not null,
    sent_at     timestamp with time zone not null,
    primary key (account_id, period, threshold)
);

-- A closed month: its primary key lets one closing win when two nodes close the same month.
create table billing_statements (
    account_id     varchar(24)  not null references accounts (id) on delete cascade,
    period         date         not null,
    plan           varchar(16)  not null,
    currency       varchar(3)   not null,
    total_minor    bigint       not null,
    contact_name   varchar(200),
    contact_email  varchar(254),
    address        varchar(1000),
    tax_id         varchar(100),
    closed_at      timestamp with time zone not null,
    primary key (account_id, period)
);

create table billing_statement_lines (
    account_id    varchar(24)    not null,
    period        date           not null,
    position      integer        not null,
    kind          varchar(20)    not null,
    quantity      numeric(30, 6) not null,
    unit_price    numeric(30, 8) not null,
    amount_minor  bigint         not null,
    primary key (account_id, period, position),
    foreign key (account_id, period) references billing_statements (account_id, period) on delete cascade
);
