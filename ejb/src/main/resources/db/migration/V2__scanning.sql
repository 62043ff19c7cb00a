-- Scanning: which engines, what to do when one fails, where they are, and the analysis limits.
ALTER TABLE gateway_settings ADD COLUMN virus_engines     VARCHAR(16)  DEFAULT 'EMBEDDED'        NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN virus_on_failure  VARCHAR(16)  DEFAULT 'TEMPFAIL'        NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN clamd_address     VARCHAR(300) DEFAULT '127.0.0.1:3310'  NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN clamd_stream_max  BIGINT       DEFAULT 26214400          NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN spam_engine       VARCHAR(16)  DEFAULT 'EMBEDDED'        NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN spam_on_failure   VARCHAR(16)  DEFAULT 'TEMPFAIL'        NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN spamd_address     VARCHAR(300) DEFAULT '127.0.0.1:783'   NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN rspamd_address    VARCHAR(300) DEFAULT '127.0.0.1:11333' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN engine_timeout_ms INTEGER      DEFAULT 30000             NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN bayes_min_spam    INTEGER      DEFAULT 200               NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN bayes_min_ham     INTEGER      DEFAULT 200               NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN scan_max_depth    INTEGER      DEFAULT 16                NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN scan_max_parts    INTEGER      DEFAULT 1000              NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN scan_max_expanded BIGINT       DEFAULT 268435456         NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN scan_max_ratio    INTEGER      DEFAULT 100               NOT NULL;

-- What the embedded Bayes classifier learned: per token, in how many spam and ham messages.
CREATE TABLE bayes_token (
    token      VARCHAR(200) NOT NULL PRIMARY KEY,
    spam_count BIGINT       NOT NULL,
    ham_count  BIGINT       NOT NULL
);
CREATE TABLE bayes_state (
    id            INTEGER NOT NULL PRIMARY KEY,
    spam_messages BIGINT  NOT NULL,
    ham_messages  BIGINT  NOT NULL
);
INSERT INTO bayes_state (id, spam_messages, ham_messages) VALUES (1, 0, 0);
-- Which messages were learned as what (by Message-ID, or a digest of the content), so that learning
-- one twice counts once and learning it the other way round corrects the counts.
CREATE TABLE bayes_learned (
    message_key VARCHAR(200) NOT NULL PRIMARY KEY,
    spam        BOOLEAN      NOT NULL,
    learned_at  TIMESTAMP    NOT NULL
);

-- The default policy refuses what could not be scanned (a zip bomb, nesting past the limits):
-- a new rule after "Viruses".
UPDATE policy_rule SET idx = idx + 1 WHERE idx >= 1 AND policy_id = (SELECT id FROM policy WHERE is_default);
INSERT INTO policy_rule (policy_id, idx, name, filter_type, filter_regex, filter_case_insensitive)
    SELECT id, 1, 'Unscannable', 'UNSCANNABLE', FALSE, FALSE FROM policy WHERE is_default;
INSERT INTO rule_action (rule_id, idx, type, reply_code, reply_status, text)
    SELECT r.id, 0, 'REJECT', 554, '5.7.1', 'Message refused: it could not be scanned'
    FROM policy_rule r JOIN policy p ON r.policy_id = p.id WHERE p.is_default AND r.idx = 1;
