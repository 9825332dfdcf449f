DROP INDEX users_unverified_idx;
ALTER TABLE outbox DROP COLUMN account_link;
