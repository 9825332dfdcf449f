-- Saved searches: a daily digest of new offers by e-mail, and a private Atom feed.
CREATE TABLE job_alerts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The normalised query string of the offers search.
    query TEXT NOT NULL,
    -- Random secret of the private feed's URL. Kept in clear so the URL can be shown
    -- again: the feed lists public offers only, the secret just keeps the search private.
    feed_token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    -- Offers published after this were not mailed yet; moved forward by each digest.
    checked_at TIMESTAMP NOT NULL
);
CREATE INDEX job_alerts_user_idx ON job_alerts (user_id);
CREATE INDEX job_alerts_checked_idx ON job_alerts (checked_at);
