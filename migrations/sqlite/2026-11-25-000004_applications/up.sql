-- Applications to an offer (offer_id set) or spontaneous to an entity, and their history.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    offer_id INTEGER REFERENCES offers (id) ON DELETE SET NULL,
    -- The candidate's account, when they applied signed in.
    candidate_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Chosen by the client: a double submit finds the first application instead of a second one.
    idempotency_key TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    message TEXT NOT NULL,
    linkedin_url TEXT,
    github_url TEXT,
    portfolio_url TEXT,
    -- Key of the PDF in the CV storage; NULL once deleted (retention or erasure).
    cv_key TEXT,
    consent_at TIMESTAMP NOT NULL,
    -- new, in_review, interview, accepted or rejected.
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- The first move out of "new": the entity's time to first answer.
    first_answer_at TIMESTAMP
);
CREATE INDEX applications_entity_idx ON applications (entity_id, status, created_at);
CREATE INDEX applications_offer_idx ON applications (offer_id);
CREATE INDEX applications_candidate_idx ON applications (candidate_id);

CREATE TABLE application_events (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The new status of a status change; NULL for a private note.
    status TEXT,
    -- The note, or the reason sent with a status change.
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX application_events_application_idx ON application_events (application_id, id);
