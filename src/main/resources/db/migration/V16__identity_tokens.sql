-- Confirmed email addresses. Users who signed up before confirmation existed are asked to confirm too: nobody
-- proved they hold their address.
alter table users add column email_confirmed_at timestamp with time zone;

-- Single-use links sent by email: confirm the address, reset the password, confirm a new address. Only a SHA-256
-- hash of each token is kept. email is the address the link proves (for a change: the new one).
create table user_tokens (
    token_hash  varchar(64)  not null primary key,
    user_id     varchar(24)  not null references users (id) on delete cascade,
    purpose     varchar(20)  not null,
    email       varchar(254) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    constraint user_tokens_purpose_check check (purpose in ('confirm_email', 'reset_password', 'change_email'))
);
create index user_tokens_user on user_tokens (user_id, purpose);

-- Every identity mail sent, so that how many go to one address, or for one client, can be limited on every node.
create table identity_mail_sends (
    id           varchar(24)  not null primary key,
    email_key    varchar(254) not null,
    client       varchar(64)  not null,
    purpose      varchar(20)  not null,
    sent_at      timestamp with time zone not null
);
create index identity_mail_sends_email on identity_mail_sends (email_key, sent_at);
create index identity_mail_sends_client on identity_mail_sends (client, sent_at);
