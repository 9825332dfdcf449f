-- Incremental sync for re-users (`GET /api/v1/offers/changes`, server/src/db/offer_changes.rs):
-- every write to an offer, or to what an offer shows of its entity, métier or family, is
-- logged with a number. SQLite has one writer at a time: numbers are handed out in commit
-- order, so once a reader sees number n, no smaller number can appear later (PostgreSQL
-- takes them at commit, under a lock held until the commit ends). AUTOINCREMENT: a number
-- is never given twice, even after the purge.
CREATE TABLE offer_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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

CREATE TRIGGER offer_changed_inserted AFTER INSERT ON offers BEGIN
    INSERT INTO offer_changes (offer_id, changed_at) VALUES (new.id, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER offer_changed_updated AFTER UPDATE ON offers BEGIN
    INSERT INTO offer_changes (offer_id, changed_at) VALUES (new.id, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER offer_changed_deleted AFTER DELETE ON offers BEGIN
    INSERT INTO offer_changes (offer_id, changed_at) VALUES (old.id, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

-- What an offer shows of its entity (name, acronym, slug), métier or family changed: each of
-- their offers changed.
CREATE TRIGGER offer_entity_changed AFTER UPDATE OF slug, name, acronym ON entities BEGIN
    INSERT INTO offer_changes (offer_id, changed_at)
    SELECT id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offers WHERE entity_id = new.id ORDER BY id;
END;
CREATE TRIGGER offer_metier_changed AFTER UPDATE OF slug, name, family_id ON metiers BEGIN
    INSERT INTO offer_changes (offer_id, changed_at)
    SELECT id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offers WHERE metier_id = new.id ORDER BY id;
END;
CREATE TRIGGER offer_family_changed AFTER UPDATE OF slug ON metier_families BEGIN
    INSERT INTO offer_changes (offer_id, changed_at)
    SELECT o.id, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM offers o JOIN metiers m ON m.id = o.metier_id WHERE m.family_id = new.id ORDER BY o.id;
END;

-- The offers already there start the log: a re-user's first read finds them.
INSERT INTO offer_changes (offer_id, changed_at)
SELECT id, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM offers ORDER BY id;
