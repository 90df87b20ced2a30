-- Accounts that may call the service. Auth tokens are kept only as salted SHA-256 hashes.
CREATE TABLE account (
    sid          VARCHAR(34)     NOT NULL PRIMARY KEY,
    token_salt   VARCHAR(64)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    origin       VARCHAR(32)  NOT NULL,
    date_created TIMESTAMP    NOT NULL
);

-- Secrets the service generates for itself on first start (e.g. the page-token signing key).
CREATE TABLE service_secret (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret VARCHAR(128) NOT NULL
);
