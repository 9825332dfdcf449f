-- Attempts counted by the rate limits of sign-in, sign-up, password changes and
-- applications, per minute window: in the database so that every server process counts
-- into the same buckets (a client spread over several processes gets no more tries).
CREATE TABLE rate_limit_hits (
    -- What is limited and for whom, e.g. `login:account:jeanne@example.fr`.
    bucket TEXT NOT NULL,
    -- Start of the minute, in seconds since the Unix epoch.
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
-- The cleanup deletes old windows.
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
