-- The hashes stay hashes: duo links mailed before the migration was undone no longer open.
ALTER TABLE vmj_duos RENAME COLUMN student_token_hash TO student_token;
ALTER TABLE vmj_duos RENAME COLUMN ambassador_token_hash TO ambassador_token;
