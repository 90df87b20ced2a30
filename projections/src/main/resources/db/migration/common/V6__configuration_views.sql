-- Views folded from configuration and release events (list_key: the creation event's global
-- index; for configured plugins, their order in the configuration), each with its *_rebuild twin.
CREATE TABLE configuration_view (
    sid          VARCHAR(34)      NOT NULL PRIMARY KEY,
    account_sid  VARCHAR(34)      NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    description  VARCHAR(4096),
    archived     BOOLEAN       NOT NULL,
    date_created TIMESTAMP     NOT NULL,
    list_key     BIGINT        NOT NULL
);
CREATE UNIQUE INDEX configuration_view_list ON configuration_view (account_sid, list_key);

CREATE TABLE configured_plugin_view (
    configuration_sid  VARCHAR(34)  NOT NULL,
    plugin_sid         VARCHAR(34)  NOT NULL,
    plugin_version_sid VARCHAR(34)  NOT NULL,
    phase              INTEGER   NOT NULL,
    account_sid        VARCHAR(34)  NOT NULL,
    date_created       TIMESTAMP NOT NULL,
    list_key           BIGINT    NOT NULL,
    PRIMARY KEY (configuration_sid, plugin_sid),
    CONSTRAINT configured_plugin_view_order UNIQUE (configuration_sid, list_key)
);

CREATE TABLE release_view (
    sid               VARCHAR(34)  NOT NULL PRIMARY KEY,
    account_sid       VARCHAR(34)  NOT NULL,
    configuration_sid VARCHAR(34)  NOT NULL,
    date_created      TIMESTAMP NOT NULL,
    list_key          BIGINT    NOT NULL
);
CREATE UNIQUE INDEX release_view_list ON release_view (account_sid, list_key);

CREATE TABLE configuration_view_rebuild (
    sid          VARCHAR(34)      NOT NULL PRIMARY KEY,
    account_sid  VARCHAR(34)      NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    description  VARCHAR(4096),
    archived     BOOLEAN       NOT NULL,
    date_created TIMESTAMP     NOT NULL,
    list_key     BIGINT        NOT NULL
);
CREATE UNIQUE INDEX configuration_view_rebuild_list ON configuration_view_rebuild (account_sid, list_key);

CREATE TABLE configured_plugin_view_rebuild (
    configuration_sid  VARCHAR(34)  NOT NULL,
    plugin_sid         VARCHAR(34)  NOT NULL,
    plugin_version_sid VARCHAR(34)  NOT NULL,
    phase              INTEGER   NOT NULL,
    account_sid        VARCHAR(34)  NOT NULL,
    date_created       TIMESTAMP NOT NULL,
    list_key           BIGINT    NOT NULL,
    PRIMARY KEY (configuration_sid, plugin_sid),
    CONSTRAINT configured_plugin_view_rebuild_order UNIQUE (configuration_sid, list_key)
);

CREATE TABLE release_view_rebuild (
    sid               VARCHAR(34)  NOT NULL PRIMARY KEY,
    account_sid       VARCHAR(34)  NOT NULL,
    configuration_sid VARCHAR(34)  NOT NULL,
    date_created      TIMESTAMP NOT NULL,
    list_key          BIGINT    NOT NULL
);
CREATE UNIQUE INDEX release_view_rebuild_list ON release_view_rebuild (account_sid, list_key);
