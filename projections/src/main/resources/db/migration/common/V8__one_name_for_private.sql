-- One name for the "private bundle" flag everywhere in code and storage: the event's
-- (requiresAuthorization, PluginVersionCreated revision 2). The APIs keep `private`, as clients know it.
ALTER TABLE plugin_version_view RENAME COLUMN private_bundle TO requires_authorization;
ALTER TABLE plugin_version_view_rebuild RENAME COLUMN private_bundle TO requires_authorization;
