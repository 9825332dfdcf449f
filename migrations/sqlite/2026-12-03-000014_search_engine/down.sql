DROP TRIGGER search_family_updated;
DROP TRIGGER search_metier_updated;
DROP TRIGGER search_entity_updated;
DROP TRIGGER search_offer_deleted;
DROP TRIGGER search_offer_updated;
DROP TRIGGER search_offer_inserted;
DROP TABLE search_changes;

-- The stemmed documents are not rebuilt: offers are searchable again once edited.
ALTER TABLE offers ADD COLUMN search_document TEXT NOT NULL DEFAULT '';
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
