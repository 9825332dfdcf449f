-- Reference data (geography, métiers) and the public catalogue (entities, offers).
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE departements (
    code TEXT PRIMARY KEY,
    region_code TEXT NOT NULL REFERENCES regions (code),
    name TEXT NOT NULL
);

CREATE TABLE metier_families (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE metiers (
    id INTEGER PRIMARY KEY,
    family_id INTEGER NOT NULL REFERENCES metier_families (id),
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES entities (id),
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    acronym TEXT,
    kind TEXT NOT NULL,
    departement_code TEXT REFERENCES departements (code),
    city TEXT,
    website TEXT,
    presentation TEXT NOT NULL,
    missions TEXT NOT NULL,
    values_json TEXT NOT NULL,
    strengths_json TEXT NOT NULL,
    projects_json TEXT NOT NULL,
    organisation TEXT NOT NULL,
    key_figures_json TEXT NOT NULL,
    recruitment_process TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX entities_parent_idx ON entities (parent_id);

CREATE TABLE testimonials (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    author_name TEXT NOT NULL,
    job_title TEXT NOT NULL,
    quote TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX testimonials_entity_idx ON testimonials (entity_id);

CREATE TABLE offers (
    -- Small, filtered columns first and long texts last: SQLite stores a row's columns in
    -- order and reads past long texts through overflow pages, so filters stay cheap.
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    metier_id INTEGER NOT NULL REFERENCES metiers (id),
    status TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    contract_type TEXT NOT NULL,
    category TEXT,
    region_code TEXT NOT NULL REFERENCES regions (code),
    departement_code TEXT NOT NULL REFERENCES departements (code),
    remote TEXT NOT NULL,
    experience TEXT NOT NULL,
    salary_min INTEGER,
    salary_max INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    city TEXT NOT NULL,
    title TEXT NOT NULL,
    mission TEXT NOT NULL,
    profile TEXT NOT NULL,
    team TEXT NOT NULL,
    perks TEXT NOT NULL,
    process TEXT NOT NULL,
    -- Unaccented, Snowball-stemmed words (computed by the server), indexed for search.
    search_document TEXT NOT NULL
);
CREATE INDEX offers_public_idx ON offers (status, published_at DESC, id DESC, expires_at);
CREATE INDEX offers_entity_idx ON offers (entity_id);
CREATE INDEX offers_metier_idx ON offers (metier_id);
CREATE INDEX offers_departement_idx ON offers (departement_code);
CREATE INDEX offers_region_idx ON offers (region_code);

-- Full-text index over search_document; the server stems and unaccents before indexing,
-- so the plain unicode61 tokenizer is enough. Kept in sync by triggers.
CREATE VIRTUAL TABLE offers_fts USING fts5(
    search_document,
    content = 'offers',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER offers_fts_insert AFTER INSERT ON offers BEGIN
    INSERT INTO offers_fts (rowid, search_document) VALUES (new.id, new.search_document);
END;
CREATE TRIGGER offers_fts_delete AFTER DELETE ON offers BEGIN
    INSERT INTO offers_fts (offers_fts, rowid, search_document) VALUES ('delete', old.id, old.search_document);
END;
CREATE TRIGGER offers_fts_update AFTER UPDATE OF search_document ON offers BEGIN
    INSERT INTO offers_fts (offers_fts, rowid, search_document) VALUES ('delete', old.id, old.search_document);
    INSERT INTO offers_fts (rowid, search_document) VALUES (new.id, new.search_document);
END;
