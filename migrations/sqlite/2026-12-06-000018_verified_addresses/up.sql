-- Nothing is mailed to an address whose account has not confirmed it, except the messages
-- that prove it (confirmation, password reset, invitation links): `account_link`. Others
-- stay in the outbox until the address is confirmed (server/src/db/outbox.rs, `due`).
-- Messages queued before this rule keep being delivered as they were (default 1); every
-- insert sets the column (`enqueue_mail!`).
ALTER TABLE outbox ADD COLUMN account_link BOOLEAN NOT NULL DEFAULT 1;

-- The 7-day purge of unconfirmed candidate accounts looks them up by creation date.
CREATE INDEX users_unverified_idx ON users (created_at) WHERE email_verified_at IS NULL;
