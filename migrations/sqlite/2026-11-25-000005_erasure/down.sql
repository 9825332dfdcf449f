ALTER TABLE applications DROP COLUMN anonymised_at;
