-- Keys of the public API, created by the talent team for third parties that need a higher
-- quota. Only a hash of the key is kept: it is shown once, at creation.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    -- Hex SHA-256 of the key (a random 256-bit secret: no salt or slow hash is needed).
    key_hash TEXT NOT NULL UNIQUE,
    -- First characters of the key, to tell keys apart in lists.
    prefix TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
