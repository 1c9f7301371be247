-- One row for every invitation email queued (a new invitation or a resend): the daily limit per organization and
-- the hourly limit per invitation count these, so that resending one invitation over and over counts every email.
create table invitation_sends (
    account_id     varchar(24) not null references accounts (id) on delete cascade,
    invitation_id  varchar(24) not null references invitations (id) on delete cascade,
    sent_at        timestamp with time zone not null
);
create index invitation_sends_by_account on invitation_sends (account_id, sent_at);
create index invitation_sends_by_invitation on invitation_sends (invitation_id, sent_at);

-- What is known of earlier sends: each invitation's latest.
insert into invitation_sends (account_id, invitation_id, sent_at) select account_id, id, last_sent_at from invitations;
