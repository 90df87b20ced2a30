-- Views folded from the plugin events. list_key is the global index of the resource's creation
-- event: it orders lists newest first (keyset paging) and is the same when the views are rebuilt.
-- Each view has a *_rebuild twin of the same shape: `replay` fills the twin from the log, then
-- swaps the names (see app/src/main/java/dev/flexplugins/app/cli/Replay.java).
CREATE TABLE plugin_view (
    sid           VARCHAR(34)      NOT NULL PRIMARY KEY,
    account_sid   VARCHAR(34)      NOT NULL,
    unique_name   VARCHAR(128)  NOT NULL,
    friendly_name VARCHAR(255),
    description   VARCHAR(4096),
    archived      BOOLEAN       NOT NULL,
    date_created  TIMESTAMP     NOT NULL,
    date_updated  TIMESTAMP     NOT NULL,
    list_key      BIGINT        NOT NULL,
    CONSTRAINT plugin_view_name UNIQUE (account_sid, unique_name)
);
CREATE UNIQUE INDEX plugin_view_list ON plugin_view (account_sid, list_key);

CREATE TABLE plugin_version_view (
    sid             VARCHAR(34)       NOT NULL PRIMARY KEY,
    account_sid     VARCHAR(34)       NOT NULL,
    plugin_sid      VARCHAR(34)       NOT NULL,
    version         VARCHAR(128)   NOT NULL,
    plugin_url      VARCHAR(2048)  NOT NULL,
    changelog       VARCHAR(16384),
    private_bundle  BOOLEAN        NOT NULL,
    archived        BOOLEAN        NOT NULL,
    validated       BOOLEAN        NOT NULL,
    cli_version     VARCHAR(64),
    validate_status VARCHAR(32),
    date_created    TIMESTAMP      NOT NULL,
    list_key        BIGINT         NOT NULL,
    CONSTRAINT plugin_version_view_version UNIQUE (plugin_sid, version)
);
CREATE UNIQUE INDEX plugin_version_view_list ON plugin_version_view (plugin_sid, list_key);

-- The twins that replay builds into.
CREATE TABLE plugin_view_rebuild (
    sid           VARCHAR(34)      NOT NULL PRIMARY KEY,
    account_sid   VARCHAR(34)      NOT NULL,
    unique_name   VARCHAR(128)  NOT NULL,
    friendly_name VARCHAR(255),
    description   VARCHAR(4096),
    archived      BOOLEAN       NOT NULL,
    date_created  TIMESTAMP     NOT NULL,
    date_updated  TIMESTAMP     NOT NULL,
    list_key      BIGINT        NOT NULL,
    CONSTRAINT plugin_view_rebuild_name UNIQUE (account_sid, unique_name)
);
CREATE UNIQUE INDEX plugin_view_rebuild_list ON plugin_view_rebuild (account_sid, list_key);

CREATE TABLE plugin_version_view_rebuild (
    sid             VARCHAR(34)       NOT NULL PRIMARY KEY,
    account_sid     VARCHAR(34)       NOT NULL,
    plugin_sid      VARCHAR(34)       NOT NULL,
    version         VARCHAR(128)   NOT NULL,
    plugin_url      VARCHAR(2048)  NOT NULL,
    changelog       VARCHAR(16384),
    private_bundle  BOOLEAN        NOT NULL,
    archived        BOOLEAN        NOT NULL,
    validated       BOOLEAN        NOT NULL,
    cli_version     VARCHAR(64),
    validate_status VARCHAR(32),
    date_created    TIMESTAMP      NOT NULL,
    list_key        BIGINT         NOT NULL,
    CONSTRAINT plugin_version_view_rebuild_version UNIQUE (plugin_sid, version)
);
CREATE UNIQUE INDEX plugin_version_view_rebuild_list ON plugin_version_view_rebuild (plugin_sid, list_key);
