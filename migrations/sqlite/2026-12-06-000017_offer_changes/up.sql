-- Incremental sync for re-users (`GET /api/v1/offers/changes`, server/src/db/offer_changes.rs):
-- every write to an offer, or to what an offer shows of its entity, métier or family, is
-- logged with a number from the one row of `offer_change_clock`. SQLite has one writer at a
-- time: numbers are handed out in commit order, so once a reader sees number n, no smaller
-- number can appear later (PostgreSQL takes them at commit under the clock's row lock).
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

CREATE TRIGGER offer_changed_inserted AFTER INSERT ON offers BEGIN
    UPDATE offer_change_clock SET seq = seq + 1 WHERE id = 1;
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT seq, new.id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offer_change_clock WHERE id = 1;
END;
CREATE TRIGGER offer_changed_updated AFTER UPDATE ON offers BEGIN
    UPDATE offer_change_clock SET seq = seq + 1 WHERE id = 1;
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT seq, new.id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offer_change_clock WHERE id = 1;
END;
CREATE TRIGGER offer_changed_deleted AFTER DELETE ON offers BEGIN
    UPDATE offer_change_clock SET seq = seq + 1 WHERE id = 1;
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT seq, old.id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offer_change_clock WHERE id = 1;
END;

-- What an offer shows of its entity (name, acronym, slug), métier or family changed: each of
-- their offers changed, numbered in id order.
CREATE TRIGGER offer_entity_changed AFTER UPDATE OF slug, name, acronym ON entities BEGIN
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT (SELECT seq FROM offer_change_clock WHERE id = 1) + row_number() OVER (ORDER BY id),
           id, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM offers WHERE entity_id = new.id;
    UPDATE offer_change_clock SET seq = seq + (SELECT count(*) FROM offers WHERE entity_id = new.id) WHERE id = 1;
END;
CREATE TRIGGER offer_metier_changed AFTER UPDATE OF slug, name, family_id ON metiers BEGIN
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT (SELECT seq FROM offer_change_clock WHERE id = 1) + row_number() OVER (ORDER BY id),
           id, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM offers WHERE metier_id = new.id;
    UPDATE offer_change_clock SET seq = seq + (SELECT count(*) FROM offers WHERE metier_id = new.id) WHERE id = 1;
END;
CREATE TRIGGER offer_family_changed AFTER UPDATE OF slug ON metier_families BEGIN
    INSERT INTO offer_changes (seq, offer_id, changed_at)
    SELECT (SELECT seq FROM offer_change_clock WHERE id = 1) + row_number() OVER (ORDER BY o.id),
           o.id, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM offers o JOIN metiers m ON m.id = o.metier_id WHERE m.family_id = new.id;
    UPDATE offer_change_clock
    SET seq = seq + (SELECT count(*) FROM offers o JOIN metiers m ON m.id = o.metier_id WHERE m.family_id = new.id)
    WHERE id = 1;
END;

-- The offers already there start the log: a re-user's first read finds them.
INSERT INTO offer_changes (seq, offer_id, changed_at)
SELECT row_number() OVER (ORDER BY id), id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offers;
UPDATE offer_change_clock SET seq = (SELECT count(*) FROM offers) WHERE id = 1;
