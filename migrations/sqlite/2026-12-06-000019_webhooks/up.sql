-- Webhooks (issue 23): receivers, each under an API key, to which the offers' changes are
-- pushed as the changes feed gives them (server/src/webhooks.rs).
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY,
    api_key_id INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    -- The signing secret (whsec_…), kept as given: signing needs it whole.
    secret TEXT NOT NULL,
    -- Comma-separated events (offer.published, offer.updated, offer.removed).
    events TEXT NOT NULL,
    -- The receiver's place in the offers' change log (offer_changes.seq): what it was sent
    -- up to; and a time by which it had every change (an offer published later is new to
    -- it: offer.published).
    after_seq INTEGER NOT NULL,
    after_at TIMESTAMP NOT NULL,
    -- When a process may next take it; taking it pushes this forward (the lease that keeps
    -- two processes from delivering the same message), a failure by the backoff.
    next_attempt_at TIMESTAMP NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    disabled_at TIMESTAMP,
    disabled_reason TEXT,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_api_key_idx ON webhooks (api_key_id);

-- Each message a receiver was sent, and how its delivery went (kept 30 days).
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    -- The webhook-id header, the same on every attempt.
    message_id TEXT NOT NULL,
    event TEXT NOT NULL,
    offer_id INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    status_code INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    UNIQUE (webhook_id, seq)
);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);
