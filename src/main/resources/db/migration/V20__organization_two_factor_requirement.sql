-- An organization may require its members to log in with two factors before they work in it.
alter table accounts add column two_factor_required boolean default false not null;
