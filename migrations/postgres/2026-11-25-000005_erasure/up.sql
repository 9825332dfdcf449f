-- When the candidate's personal fields were erased (account deleted): the application stays,
-- anonymous, for the recruiters' statistics.
ALTER TABLE applications ADD COLUMN anonymised_at TIMESTAMP;
