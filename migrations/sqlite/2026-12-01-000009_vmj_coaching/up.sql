-- Vis mon job: the one-hour coaching sessions that prepare the ambassadors. Recruiters put
-- each ambassador in one; the team records attendance, which sets `coached`.
CREATE TABLE vmj_coaching_sessions (
    id INTEGER PRIMARY KEY,
    edition_id INTEGER NOT NULL REFERENCES vmj_editions (id) ON DELETE CASCADE,
    -- Europe/Paris wall-clock times.
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    visio_url TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    -- Ambassadors placed in the session, kept with them so that the seat check is one
    -- conditional UPDATE of this row (atomic on both backends, whatever the isolation).
    booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX vmj_coaching_sessions_edition_idx ON vmj_coaching_sessions (edition_id);

ALTER TABLE vmj_ambassadors ADD COLUMN coaching_session_id INTEGER
    REFERENCES vmj_coaching_sessions (id) ON DELETE SET NULL;
CREATE INDEX vmj_ambassadors_coaching_idx ON vmj_ambassadors (coaching_session_id);
