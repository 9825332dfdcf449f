-- Incremental sync for re-users (`GET /api/v1/offers/changes`, server/src/db/offer_changes.rs):
-- every write to an offer, or to what an offer shows of its entity, métier or family, is
-- logged with a number. The number is taken when the writing transaction commits (deferred
-- constraint triggers) by incrementing the one row of `offer_change_clock`, whose row lock is
-- then held until the commit ends: numbers are handed out in commit order, so once a reader
-- sees number n, no smaller number can appear later. Taken at commit, after every other lock
-- of the transaction, the clock cannot be part of a deadlock.
CREATE TABLE offer_change_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    -- The highest number removed by the purge (kept 90 days): an older cursor must reload.
    purged_through BIGINT NOT NULL
);
INSERT INTO offer_change_clock (id, seq, purged_through) VALUES (1, 0, 0);

CREATE TABLE offer_changes (
    seq BIGINT PRIMARY KEY,
    offer_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX offer_changes_changed_at_idx ON offer_changes (changed_at);

-- Logs `offers` (ids), numbered in id order from the clock.
CREATE FUNCTION offer_changes_log(offers BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    base BIGINT;
    n INTEGER := coalesce(array_length(offers, 1), 0);
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    UPDATE offer_change_clock SET seq = seq + n WHERE id = 1 RETURNING seq - n INTO base;
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT base + ordinality, offer, clock_timestamp() AT TIME ZONE 'utc'
    FROM unnest(offers) WITH ORDINALITY AS o(offer, ordinality);
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

-- The offers already public start the log: a re-user's first read finds them.
SELECT offer_changes_log(ARRAY(SELECT id FROM offers ORDER BY id));
