-- Open offers per entity (entity pages and lists) are counted from this index alone,
-- without reading the offers' rows with their long texts.
CREATE INDEX offers_open_by_entity_idx ON offers (status, entity_id, expires_at, published_at);
