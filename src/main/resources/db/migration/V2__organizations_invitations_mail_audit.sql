-- Organizations, memberships, invitations, the mail outbox and the audit log.
-- Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- The last account the user worked in, restored at the next log-in (R-SW-3).
alter table users add column active_account_id varchar(24);

-- Who created an organization: one organization per creating user (R-ORG-1).
alter table accounts add column created_by_user_id varchar(24) references users (id);
alter table accounts add constraint accounts_one_organization_per_creator unique (created_by_user_id);

create table memberships (
    account_id  varchar(24) not null references accounts (id) on delete cascade,
    user_id     varchar(24) not null references users (id),
    role        varchar(16) not null,
    joined_at   timestamp with time zone not null,
    primary key (account_id, user_id),
    constraint memberships_role_check check (role in ('admin', 'member'))
);
create index memberships_user on memberships (user_id);

create table mail_outbox (
    id               varchar(24)  not null primary key,
    recipient        varchar(254) not null,
    subject          varchar(300) not null,
    text_body        text         not null,
    html_body        text         not null,
    -- pending: waiting to be sent or retried; sent: handed to SMTP (or to the development inbox); failed: gave up
    status           varchar(16)  not null,
    attempts         integer      not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(1000),
    created_at       timestamp with time zone not null,
    sent_at          timestamp with time zone,
    constraint mail_outbox_status_check check (status in ('pending', 'sent', 'failed'))
);
create index mail_outbox_due on mail_outbox (status, next_attempt_at);

create table invitations (
    id                  varchar(24)  not null primary key,
    account_id          varchar(24)  not null references accounts (id) on delete cascade,
    email               varchar(254) not null,
    email_key           varchar(254) not null,
    -- equals email_key while the invitation is pending, null afterwards: one pending invitation per
    -- (organization, email) without a partial index, which H2 lacks (R-INV-3)
    pending_email_key   varchar(254),
    role                varchar(16)  not null,
    token_hash          varchar(64)  not null,
    invited_by_user_id  varchar(24)  not null references users (id),
    status              varchar(16)  not null,
    mail_id             varchar(24)  references mail_outbox (id),
    created_at          timestamp with time zone not null,
    -- when the last email for it was queued: creation or the latest resend (the rate limit counts these)
    last_sent_at        timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    ended_at            timestamp with time zone,
    accepted_by_user_id varchar(24)  references users (id),
    constraint invitations_token_unique unique (token_hash),
    constraint invitations_one_pending unique (account_id, pending_email_key),
    constraint invitations_role_check check (role in ('admin', 'member')),
    constraint invitations_status_check check (status in ('pending', 'accepted', 'revoked'))
);
create index invitations_account_sent on invitations (account_id, last_sent_at);

create table audit_log (
    id              varchar(24)  not null primary key,
    account_id      varchar(24)  not null references accounts (id) on delete cascade,
    actor_user_id   varchar(24),
    action          varchar(64)  not null,
    target          varchar(300),
    details         varchar(1000),
    client_address  varchar(64),
    created_at      timestamp with time zone not null
);
create index audit_log_account_created on audit_log (account_id, created_at);
