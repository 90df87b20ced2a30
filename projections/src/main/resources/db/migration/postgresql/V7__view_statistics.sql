-- Views grow in bursts (a deploy creates many versions); statistics that lag make PostgreSQL plan
-- a list as "few rows, bitmap scan and sort" and read a whole plugin instead of 51 index entries.
-- Analyze these tables after every 1% of change (at least 500 rows) instead of the default 10%.
ALTER TABLE plugin_view SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE plugin_version_view SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE configuration_view SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE configured_plugin_view SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE release_view SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE request_log SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE plugin_view_rebuild SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE plugin_version_view_rebuild SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE configuration_view_rebuild SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE configured_plugin_view_rebuild SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE release_view_rebuild SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE request_log_rebuild SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
ALTER TABLE event_feed SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
