-- Nothing is mailed to an address whose account has not confirmed it, except the messages
-- that prove it (confirmation, password reset, invitation links): `account_link`. Others
-- stay in the outbox until the address is confirmed (server/src/db/outbox.rs, `due`).
-- Messages queued before this rule keep being delivered as they were; every insert sets
-- the column (`enqueue_mail!`), so it has no default afterwards.
ALTER TABLE outbox ADD COLUMN account_link BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE outbox ALTER COLUMN account_link DROP DEFAULT;

-- The 7-day purge of unconfirmed candidate accounts looks them up by creation date.
CREATE INDEX users_unverified_idx ON users (created_at) WHERE email_verified_at IS NULL;
