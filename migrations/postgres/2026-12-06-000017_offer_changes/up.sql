-- Incremental sync for re-users (`GET /api/v1/offers/changes`, server/src/db/offer_changes.rs):
-- every write to an offer, or to what an offer shows of its entity, métier or family, is
-- logged with a number. The number is taken when the writing transaction commits (deferred
-- constraint triggers), under a transaction-scoped advisory lock held until the commit ends:
-- numbers are handed out in commit order, so once a reader sees number n, no smaller number
-- can appear later. Taken at commit, after every other lock of the transaction, the lock
-- cannot be part of a deadlock.
CREATE TABLE offer_changes (
    seq BIGSERIAL PRIMARY KEY,
    offer_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX offer_changes_changed_at_idx ON offer_changes (changed_at);

-- The highest number removed by the purge (changes are kept 90 days): an older cursor
-- must reload.
CREATE TABLE offer_changes_purge (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    purged_through BIGINT NOT NULL
);
INSERT INTO offer_changes_purge (id, purged_through) VALUES (1, 0);

-- Logs the offers `offers` (ids), numbered in id order, in commit order.
CREATE FUNCTION offer_changes_log(offers BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- 0x6f666672 ('offr'): the one lock every logging transaction takes at commit.
    PERFORM pg_advisory_xact_lock(1868983922);
    INSERT INTO offer_changes (offer_id, changed_at)
    SELECT offer, clock_timestamp() AT TIME ZONE 'utc'
    FROM unnest(offers) WITH ORDINALITY AS o(offer, ordinality)
    ORDER BY ordinality;
END $$;

CREATE FUNCTION offer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM offer_changes_log(ARRAY[OLD.id]);
    ELSE
        PERFORM offer_changes_log(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END $$;

-- What an offer shows of its entity (name, acronym, slug), métier or family changed: each of
-- their offers changed.
CREATE FUNCTION offer_shown_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_ARGV[0] = 'entity' THEN
        PERFORM offer_changes_log(ARRAY(SELECT id FROM offers WHERE entity_id = NEW.id ORDER BY id));
    ELSIF TG_ARGV[0] = 'metier' THEN
        PERFORM offer_changes_log(ARRAY(SELECT id FROM offers WHERE metier_id = NEW.id ORDER BY id));
    ELSE
        PERFORM offer_changes_log(ARRAY(
            SELECT o.id FROM offers o JOIN metiers m ON m.id = o.metier_id
            WHERE m.family_id = NEW.id ORDER BY o.id));
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER offer_changed AFTER INSERT OR UPDATE OR DELETE ON offers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION offer_changed();
CREATE CONSTRAINT TRIGGER offer_entity_changed AFTER UPDATE OF slug, name, acronym ON entities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION offer_shown_changed('entity');
CREATE CONSTRAINT TRIGGER offer_metier_changed AFTER UPDATE OF slug, name, family_id ON metiers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION offer_shown_changed('metier');
CREATE CONSTRAINT TRIGGER offer_family_changed AFTER UPDATE OF slug ON metier_families
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION offer_shown_changed('family');

-- The offers already there start the log: a re-user's first read finds them.
SELECT offer_changes_log(ARRAY(SELECT id FROM offers ORDER BY id));
