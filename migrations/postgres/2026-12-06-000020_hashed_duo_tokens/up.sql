-- The secrets of the duo pages' links are kept as their SHA-256 only, like a session's: a copy
-- of the database opens no one's duo page. The secrets stored before are hashed by the server
-- as it starts (`db::clear_tokens`: SQLite has no SHA-256 function), so the links already
-- mailed keep working. The links are made when the duos are announced; until then each column
-- holds the hash of a secret nobody was given.
ALTER TABLE vmj_duos RENAME COLUMN student_token TO student_token_hash;
ALTER TABLE vmj_duos RENAME COLUMN ambassador_token TO ambassador_token_hash;
