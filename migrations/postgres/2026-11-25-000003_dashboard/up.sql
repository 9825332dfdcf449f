-- Recruiters' access requests (approved or declined by an admin) and daily offer views.
CREATE TABLE access_requests (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL,
    full_name TEXT NOT NULL,
    job_title TEXT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    -- pending, approved or declined.
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by BIGINT REFERENCES users (id)
);
CREATE INDEX access_requests_status_idx ON access_requests (status, created_at);
-- One pending request per address: a second one would only duplicate the admins' work.
CREATE UNIQUE INDEX access_requests_pending_email_idx ON access_requests (email) WHERE status = 'pending';

-- Views are counted in memory and added here in batches (several server processes add up).
CREATE TABLE offer_views (
    offer_id BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (offer_id, day)
);
CREATE INDEX offer_views_day_idx ON offer_views (day);
