-- The client networks whose mail is outbound (besides clients that authenticated): CIDR blocks,
-- comma-separated, changed through the admin API and applied live. Empty: none.
ALTER TABLE gateway_settings ADD COLUMN internal_networks VARCHAR(10000) DEFAULT '' NOT NULL;
