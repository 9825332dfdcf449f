DROP INDEX offers_open_by_entity_idx;
