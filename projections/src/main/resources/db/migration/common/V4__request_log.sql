-- Which resource each request with a client-chosen id changed (written with the events, in the same
-- transaction); lets a retried gRPC call with the same request_id return what the first call did.
-- A view like the others, with its *_rebuild twin.
CREATE TABLE request_log (
    account_sid          VARCHAR(34)     NOT NULL,
    channel              VARCHAR(16)  NOT NULL,
    request_id           VARCHAR(128) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    event_type           VARCHAR(128) NOT NULL,
    recorded_at          TIMESTAMP    NOT NULL,
    PRIMARY KEY (account_sid, channel, request_id, aggregate_identifier)
);

CREATE TABLE request_log_rebuild (
    account_sid          VARCHAR(34)     NOT NULL,
    channel              VARCHAR(16)  NOT NULL,
    request_id           VARCHAR(128) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    event_type           VARCHAR(128) NOT NULL,
    recorded_at          TIMESTAMP    NOT NULL,
    PRIMARY KEY (account_sid, channel, request_id, aggregate_identifier)
);
