DROP TRIGGER search_family_updated ON metier_families;
DROP TRIGGER search_metier_updated ON metiers;
DROP TRIGGER search_entity_updated ON entities;
DROP TRIGGER search_offer_changed ON offers;
DROP FUNCTION search_record_change();
DROP TABLE search_changes;

-- The stemmed documents are not rebuilt: offers are searchable again once edited.
ALTER TABLE offers ADD COLUMN search_document TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN search_vector TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED;
CREATE INDEX offers_search_idx ON offers USING GIN (search_vector);
