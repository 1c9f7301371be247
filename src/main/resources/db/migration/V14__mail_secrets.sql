-- A message whose body holds a secret (an invitation's single-use link) has its body cleared once it is sent or
-- given up on, so the token does not stay in the database after it left.
alter table mail_outbox add column holds_secret boolean default false not null;
