-- What happened to a user's place in an organization that someone else changed (they were removed, the organization
-- was deleted, their role changed), shown once on their next page and then dropped. Each row belongs to the user it
-- tells; account_id names the organization but has no foreign key, because the notice of a deleted organization must
-- outlive it (its name is kept for the same reason). Runs on PostgreSQL and on H2 in MODE=PostgreSQL.
create table member_notices (
    id                 varchar(24)  not null primary key,
    user_id            varchar(24)  not null references users (id) on delete cascade,
    account_id         varchar(24)  not null,
    kind               varchar(16)  not null,
    organization_name  varchar(100) not null,
    role               varchar(16),
    created_at         timestamp with time zone not null,
    constraint member_notices_kind_check check (kind in ('removed', 'deleted', 'role_changed'))
);
create index member_notices_user on member_notices (user_id, created_at);
