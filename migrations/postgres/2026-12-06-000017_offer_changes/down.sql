DROP TRIGGER offer_family_changed ON metier_families;
DROP TRIGGER offer_metier_changed ON metiers;
DROP TRIGGER offer_entity_changed ON entities;
DROP TRIGGER offer_changed ON offers;
DROP FUNCTION offer_shown_changed();
DROP FUNCTION offer_changed();
DROP FUNCTION offer_changes_log(BIGINT[]);
DROP TABLE offer_changes_purge;
DROP TABLE offer_changes;
