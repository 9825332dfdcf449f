DROP INDEX vmj_ambassadors_coaching_idx;
ALTER TABLE vmj_ambassadors DROP COLUMN coaching_session_id;
DROP TABLE vmj_coaching_sessions;
