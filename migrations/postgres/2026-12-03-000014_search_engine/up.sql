-- Search moves to the server's search engine (server/src/search): the tsvector, its GIN
-- index and the stemmed document go. What the engine must re-read is logged here by
-- triggers, so that every write path — and every server process — sees it (see
-- search/sync.rs).
DROP INDEX offers_search_idx;
ALTER TABLE offers DROP COLUMN search_vector;
ALTER TABLE offers DROP COLUMN search_document;

CREATE TABLE search_changes (
    id BIGSERIAL PRIMARY KEY,
    -- offer, entity, metier or family
    kind TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);
CREATE INDEX search_changes_changed_at_idx ON search_changes (changed_at);

CREATE FUNCTION search_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_changes (kind, ref_id) VALUES (TG_ARGV[0], OLD.id);
    ELSE
        INSERT INTO search_changes (kind, ref_id) VALUES (TG_ARGV[0], NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER search_offer_changed AFTER INSERT OR UPDATE OR DELETE ON offers
    FOR EACH ROW EXECUTE FUNCTION search_record_change('offer');
CREATE TRIGGER search_entity_updated AFTER UPDATE OF slug, name, acronym, parent_id ON entities
    FOR EACH ROW EXECUTE FUNCTION search_record_change('entity');
CREATE TRIGGER search_metier_updated AFTER UPDATE OF slug, name, family_id ON metiers
    FOR EACH ROW EXECUTE FUNCTION search_record_change('metier');
CREATE TRIGGER search_family_updated AFTER UPDATE OF slug, name ON metier_families
    FOR EACH ROW EXECUTE FUNCTION search_record_change('family');
