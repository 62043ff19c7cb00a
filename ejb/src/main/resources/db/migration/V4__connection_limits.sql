-- Connection control by real client address, changed through the admin API and applied live.
-- 0 means no limit.
ALTER TABLE gateway_settings ADD COLUMN conn_max_total        INTEGER DEFAULT 0    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN conn_max_per_address  INTEGER DEFAULT 0    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN conn_rate_per_address INTEGER DEFAULT 0    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN msg_rate_per_address  INTEGER DEFAULT 0    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN rcpt_rate_per_address INTEGER DEFAULT 0    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN rate_interval_seconds INTEGER DEFAULT 60   NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN max_errors            INTEGER DEFAULT 20   NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN error_delay_millis    INTEGER DEFAULT 1000 NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN greet_pause_millis    INTEGER DEFAULT 0    NOT NULL;
