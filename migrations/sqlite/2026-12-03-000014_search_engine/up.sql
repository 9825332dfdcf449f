-- Search moves to the server's search engine (server/src/search): the FTS5 index and the
-- stemmed document it indexed go. What the engine must re-read is logged here by triggers,
-- so that every write path — and every server process — sees it (see search/sync.rs).
DROP TRIGGER offers_fts_update;
DROP TRIGGER offers_fts_delete;
DROP TRIGGER offers_fts_insert;
DROP TABLE offers_fts;
ALTER TABLE offers DROP COLUMN search_document;

CREATE TABLE search_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- offer, entity, metier or family
    kind TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX search_changes_changed_at_idx ON search_changes (changed_at);

CREATE TRIGGER search_offer_inserted AFTER INSERT ON offers BEGIN
    INSERT INTO search_changes (kind, ref_id) VALUES ('offer', new.id);
END;
CREATE TRIGGER search_offer_updated AFTER UPDATE ON offers BEGIN
    INSERT INTO search_changes (kind, ref_id) VALUES ('offer', new.id);
END;
CREATE TRIGGER search_offer_deleted AFTER DELETE ON offers BEGIN
    INSERT INTO search_changes (kind, ref_id) VALUES ('offer', old.id);
END;
CREATE TRIGGER search_entity_updated AFTER UPDATE OF slug, name, acronym, parent_id ON entities BEGIN
    INSERT INTO search_changes (kind, ref_id) VALUES ('entity', new.id);
END;
CREATE TRIGGER search_metier_updated AFTER UPDATE OF slug, name, family_id ON metiers BEGIN
    INSERT INTO search_changes (kind, ref_id) VALUES ('metier', new.id);
END;
CREATE TRIGGER search_family_updated AFTER UPDATE OF slug, name ON metier_families BEGIN
    INSERT INTO search_changes (kind, ref_id) VALUES ('family', new.id);
END;
