-- The log's commit order. The sequencer (a tracking processor, one node at a time) gives every
-- event a position as it becomes visible, so positions follow commit order: a reader that resumes
-- after position N misses nothing that commits later and sees nothing twice. Part of the log, not a
-- view: replay never renumbers it. verify checks it against domain_event_entry.
CREATE TABLE event_feed (
    position     BIGINT       NOT NULL PRIMARY KEY,
    global_index BIGINT       NOT NULL,
    account_sid  VARCHAR(34)  NOT NULL,
    resource_sid VARCHAR(255) NOT NULL,
    event_type   VARCHAR(64)  NOT NULL,
    occurred_at  TIMESTAMP    NOT NULL,
    CONSTRAINT event_feed_global_index UNIQUE (global_index)
);
CREATE INDEX event_feed_account ON event_feed (account_sid, position);
CREATE INDEX event_feed_resource ON event_feed (resource_sid, position);
