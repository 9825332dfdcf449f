-- Forum de l'emploi tech de l'État: editions, their sessions (conferences, recruiter
-- presentations, job dating, coaching workshops), registrations with a waiting list, and the
-- job-dating slots candidates book. Times are Europe/Paris wall-clock times.
CREATE TABLE forum_editions (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    registration_closes_at TIMESTAMP NOT NULL,
    published BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE forum_sessions (
    id BIGSERIAL PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES forum_editions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- JSON array of "Name, role" strings.
    speakers_json TEXT NOT NULL,
    entity_id BIGINT REFERENCES entities (id) ON DELETE SET NULL,
    metier_id BIGINT REFERENCES metiers (id) ON DELETE SET NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    capacity INTEGER NOT NULL,
    -- Revealed to confirmed participants only.
    online_url TEXT NOT NULL,
    -- Confirmed registrations, moved with them so that the seat check is one conditional
    -- UPDATE of this row (atomic on both backends).
    confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed >= 0 AND confirmed <= capacity),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_sessions_edition_idx ON forum_sessions (edition_id, starts_at);
CREATE INDEX forum_sessions_entity_idx ON forum_sessions (entity_id);

-- A candidate's registration to the edition (the first step).
CREATE TABLE forum_participants (
    edition_id BIGINT NOT NULL REFERENCES forum_editions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The names recruiters see on their job-dating bookings.
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, user_id)
);
CREATE INDEX forum_participants_user_idx ON forum_participants (user_id);

-- A candidate's place in a session: confirmed, or waiting (in created_at order).
CREATE TABLE forum_registrations (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES forum_sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    promoted_at TIMESTAMP,
    -- First opening of the online link through the platform (the attendance figure).
    joined_at TIMESTAMP,
    reminded_at TIMESTAMP,
    UNIQUE (session_id, user_id)
);
CREATE INDEX forum_registrations_user_idx ON forum_registrations (user_id);
CREATE INDEX forum_registrations_waiting_idx ON forum_registrations (session_id, status, created_at);

-- Job dating: the recruiter's time slots, one candidate each.
CREATE TABLE forum_slots (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES forum_sessions (id) ON DELETE CASCADE,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (session_id, starts_at)
);

-- UNIQUE (slot_id): never two bookings for one slot, whatever the concurrency.
-- UNIQUE (session_id, user_id): one slot per candidate with a recruiter's job dating.
CREATE TABLE forum_bookings (
    id BIGSERIAL PRIMARY KEY,
    slot_id BIGINT NOT NULL UNIQUE REFERENCES forum_slots (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES forum_sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    reminded_at TIMESTAMP,
    UNIQUE (session_id, user_id)
);
CREATE INDEX forum_bookings_user_idx ON forum_bookings (user_id);
