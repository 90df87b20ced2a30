-- API keys (SK...) of an account: Twilio's 2010 Keys resource. The secret is kept only as a salted
-- SHA-256 hash; it is shown once, when the key is created.
CREATE TABLE api_key (
    sid           VARCHAR(34)  NOT NULL PRIMARY KEY,
    account_sid   VARCHAR(34)  NOT NULL,
    friendly_name VARCHAR(64),
    secret_salt   VARCHAR(64)  NOT NULL,
    secret_hash   VARCHAR(64)  NOT NULL,
    date_created  TIMESTAMP    NOT NULL,
    date_updated  TIMESTAMP    NOT NULL
);

CREATE INDEX api_key_account ON api_key (account_sid, date_created);
