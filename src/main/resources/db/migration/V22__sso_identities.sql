-- Who a user is at an organization's provider: linked at their first single sign-on there, and looked up by
-- (issuer, subject) afterwards. One identity per user and organization.
create table sso_identities (
    account_id  varchar(24)  not null references accounts (id) on delete cascade,
    user_id     varchar(24)  not null references users (id) on delete cascade,
    issuer      varchar(500) not null,
    subject     varchar(255) not null,
    email       varchar(254) not null,
    linked_at   timestamp with time zone not null,
    primary key (account_id, user_id),
    constraint sso_identities_subject_unique unique (account_id, issuer, subject)
);
