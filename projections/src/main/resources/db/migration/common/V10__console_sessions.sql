-- Browser sessions of the console (/console). The cookie holds a random id; only its SHA-256 is
-- kept here. A session ends at sign-out, after its idle or absolute lifetime, or when the
-- credential it was opened with stops working (a deleted API key, a rotated auth token): the
-- credential's hash at sign-in is kept and compared on every request.
CREATE TABLE console_session (
    id_hash         VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_sid     VARCHAR(34)  NOT NULL,
    actor           VARCHAR(34)  NOT NULL,
    credential_hash VARCHAR(64)  NOT NULL,
    csrf_token      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    last_seen_at    TIMESTAMP    NOT NULL,
    expires_at      TIMESTAMP    NOT NULL
);

CREATE INDEX console_session_expiry ON console_session (expires_at);
