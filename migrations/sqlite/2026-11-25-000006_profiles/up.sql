-- Candidates' profiles (one per account) and the entities each one hides it from.
CREATE TABLE candidate_profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    -- JSON arrays: métier slugs, region codes, contract types (validated by the server).
    metiers_json TEXT NOT NULL,
    regions_json TEXT NOT NULL,
    contracts_json TEXT NOT NULL,
    linkedin_url TEXT,
    github_url TEXT,
    portfolio_url TEXT,
    visible BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX candidate_profiles_visible_idx ON candidate_profiles (visible);

CREATE TABLE profile_hidden_entities (
    user_id INTEGER NOT NULL REFERENCES candidate_profiles (user_id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, entity_id)
);
