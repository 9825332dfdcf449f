DROP TRIGGER offer_family_changed;
DROP TRIGGER offer_metier_changed;
DROP TRIGGER offer_entity_changed;
DROP TRIGGER offer_changed_deleted;
DROP TRIGGER offer_changed_updated;
DROP TRIGGER offer_changed_inserted;
DROP TABLE offer_changes_purge;
DROP TABLE offer_changes;
