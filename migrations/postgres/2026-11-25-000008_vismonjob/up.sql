-- Vis mon job: editions, students' sign-ups, ambassadors, duos and their feedback.
-- Times of the day and of the sign-up window are Europe/Paris wall-clock times.
CREATE TABLE vmj_editions (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    format TEXT NOT NULL,
    signup_opens_at TIMESTAMP NOT NULL,
    signup_closes_at TIMESTAMP NOT NULL,
    -- JSON array of eligible study levels.
    levels_json TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE vmj_students (
    id BIGSERIAL PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES vmj_editions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    school TEXT NOT NULL,
    study_level TEXT NOT NULL,
    field TEXT NOT NULL,
    departement_code TEXT NOT NULL REFERENCES departements (code),
    remote_ok BOOLEAN NOT NULL,
    -- JSON arrays of slugs: métiers (ranked), preferred administrations.
    wishes_json TEXT NOT NULL,
    administrations_json TEXT NOT NULL,
    motivation TEXT NOT NULL,
    consented_at TIMESTAMP NOT NULL,
    -- Set by the last matching run when it found no duo (French, for the student).
    unmatched_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (edition_id, user_id)
);
CREATE INDEX vmj_students_user_idx ON vmj_students (user_id);

CREATE TABLE vmj_ambassadors (
    id BIGSERIAL PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES vmj_editions (id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    job_title TEXT NOT NULL,
    metier_id BIGINT NOT NULL REFERENCES metiers (id),
    departement_code TEXT NOT NULL REFERENCES departements (code),
    on_site BOOLEAN NOT NULL,
    remote BOOLEAN NOT NULL,
    capacity INTEGER NOT NULL,
    address TEXT NOT NULL,
    visio_url TEXT NOT NULL,
    coached BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (edition_id, email)
);
CREATE INDEX vmj_ambassadors_entity_idx ON vmj_ambassadors (entity_id);

CREATE TABLE vmj_duos (
    id BIGSERIAL PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES vmj_editions (id) ON DELETE CASCADE,
    student_id BIGINT NOT NULL UNIQUE REFERENCES vmj_students (id) ON DELETE CASCADE,
    ambassador_id BIGINT NOT NULL REFERENCES vmj_ambassadors (id) ON DELETE CASCADE,
    mode TEXT NOT NULL,
    score INTEGER NOT NULL,
    explanation TEXT NOT NULL,
    pinned BOOLEAN NOT NULL,
    -- Random secrets of each side's duo page (the link mailed at publication).
    student_token TEXT NOT NULL UNIQUE,
    ambassador_token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
CREATE INDEX vmj_duos_edition_idx ON vmj_duos (edition_id);
CREATE INDEX vmj_duos_ambassador_idx ON vmj_duos (ambassador_id);

-- Pairs the team undid: the next runs never propose them again.
CREATE TABLE vmj_forbidden_pairs (
    student_id BIGINT NOT NULL REFERENCES vmj_students (id) ON DELETE CASCADE,
    ambassador_id BIGINT NOT NULL REFERENCES vmj_ambassadors (id) ON DELETE CASCADE,
    PRIMARY KEY (student_id, ambassador_id)
);

CREATE TABLE vmj_feedback (
    duo_id BIGINT NOT NULL REFERENCES vmj_duos (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (duo_id, side)
);

-- The edition's matching run: one at a time, claimed by the process that runs it.
CREATE TABLE vmj_match_runs (
    edition_id BIGINT PRIMARY KEY REFERENCES vmj_editions (id) ON DELETE CASCADE,
    matched INTEGER NOT NULL,
    students INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    error TEXT
);
