-- Issue 17: API keys rotate with an overlap, carry scopes, may belong to the organization rather than a member,
-- may be bound to client addresses, and remind before they expire. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- What the key may call, space-separated (resources:read resources:write management:read management:write).
-- Keys made before scopes existed keep everything their creator's role allows.
alter table api_keys add column scopes varchar(100) default 'resources:read resources:write management:read management:write' not null;

-- 'member' (acts with its creator's current role, revoked when they leave, R-ORG-5) or 'organization' (a service
-- key: acts with role_of_key, survives its creator, revoked only by an administrator).
alter table api_keys add column owner varchar(12) default 'member' not null;
alter table api_keys add column role_of_key varchar(12);
alter table api_keys add constraint api_keys_owner_role check (
    (owner = 'member' and role_of_key is null) or (owner = 'organization' and role_of_key in ('admin', 'member')));

-- Client addresses the key is accepted from: CIDR blocks separated by spaces; null for anywhere.
alter table api_keys add column allowed_addresses varchar(2000);

-- Rotation: the secret it replaced, accepted until previous_secret_valid_until, then refused with reason "rotated".
alter table api_keys add column previous_secret_hash varchar(64);
alter table api_keys add column previous_secret_valid_until timestamp with time zone;
alter table api_keys add column rotated_at timestamp with time zone;

-- Expiry reminders, each claimed by the one update that sets it, so it is sent once whatever the nodes and re-runs.
alter table api_keys add column reminded_7_days_at timestamp with time zone;
alter table api_keys add column reminded_1_day_at timestamp with time zone;
create index api_keys_expires_at on api_keys (expires_at);
