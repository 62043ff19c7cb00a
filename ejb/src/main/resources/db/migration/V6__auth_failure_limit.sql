-- Failed AUTH attempts per client address across connections: at most this many per interval,
-- then AUTH from that address is refused without asking the mail server. 0 means no limit.
ALTER TABLE gateway_settings ADD COLUMN auth_failure_limit            INTEGER DEFAULT 10  NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN auth_failure_interval_seconds INTEGER DEFAULT 600 NOT NULL;
