-- What one sender, one recipient or one entity used of a daily allowance (applications,
-- stored CV bytes, acknowledgement mails): shared by every server process, like the rate
-- limits, but counted per UTC day and in any unit.
CREATE TABLE daily_quotas (
    -- What is counted and for whom, e.g. `application_bytes:entity:42`.
    bucket TEXT NOT NULL,
    -- Days since the Unix epoch (UTC).
    day BIGINT NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (bucket, day)
);
-- The cleanup deletes past days.
CREATE INDEX daily_quotas_day ON daily_quotas (day);
