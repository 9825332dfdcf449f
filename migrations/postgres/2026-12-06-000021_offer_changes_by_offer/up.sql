-- The changes feed walks the log in number order and keeps a change only when its offer has
-- no later one (server/src/db/offer_changes.rs, `latest_after`): this index answers that
-- question for each change read, so a page costs its own length, not the log's.
CREATE INDEX offer_changes_offer_seq_idx ON offer_changes (offer_id, seq);
