-- Quarantine: held messages, their recipients (for search) and their content, stored in chunks of
-- at most 256 KiB so that neither writing nor reading a large message needs it whole in memory.
CREATE TABLE quarantine (
    queue_id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    received_at    TIMESTAMP     NOT NULL,
    client_ip      VARCHAR(64),
    sender         VARCHAR(320)  NOT NULL,
    recipients     VARCHAR(8000) NOT NULL,
    subject        VARCHAR(1000),
    reason         VARCHAR(1000) NOT NULL,
    policy         VARCHAR(100)  NOT NULL,
    size           BIGINT        NOT NULL,
    body_type      VARCHAR(16),
    virus          VARCHAR(1000),
    spam_score     DOUBLE PRECISION,
    state          VARCHAR(16)   NOT NULL,
    released_at    TIMESTAMP,
    released_by    VARCHAR(100),
    release_reply  VARCHAR(1000),
    digest_sent_at TIMESTAMP
);
CREATE INDEX quarantine_received_at ON quarantine (received_at);
CREATE INDEX quarantine_sender ON quarantine (sender);
CREATE TABLE quarantine_recipient (
    queue_id VARCHAR(32)  NOT NULL REFERENCES quarantine (queue_id) ON DELETE CASCADE,
    address  VARCHAR(320) NOT NULL,
    PRIMARY KEY (queue_id, address)
);
CREATE INDEX quarantine_recipient_address ON quarantine_recipient (address);
CREATE TABLE quarantine_chunk (
    queue_id VARCHAR(32) NOT NULL REFERENCES quarantine (queue_id) ON DELETE CASCADE,
    seq      INTEGER     NOT NULL,
    data     BYTEA       NOT NULL,
    PRIMARY KEY (queue_id, seq)
);

-- Notification templates. Placeholders: ${queueId} ${sender} ${recipients} ${subject} ${virus}
-- ${spamScore} ${policy} ${action} ${reason} ${hostname}, and in the digest ${count} ${list}.
CREATE TABLE notification_template (
    name    VARCHAR(100)   NOT NULL PRIMARY KEY,
    subject VARCHAR(500)   NOT NULL,
    body    VARCHAR(20000) NOT NULL,
    version BIGINT         NOT NULL
);
INSERT INTO notification_template (name, subject, body, version) VALUES ('virus-admin',
 'Virus found: ${virus} in a message from ${sender}',
 'The mail gateway ${hostname} refused a message because it contains a virus.' || CHR(13) || CHR(10) || CHR(13) || CHR(10) ||
 'Queue id:   ${queueId}' || CHR(13) || CHR(10) || 'Sender:     ${sender}' || CHR(13) || CHR(10) ||
 'Recipients: ${recipients}' || CHR(13) || CHR(10) || 'Subject:    ${subject}' || CHR(13) || CHR(10) ||
 'Virus:      ${virus}' || CHR(13) || CHR(10) || 'Policy:     ${policy}' || CHR(13) || CHR(10) ||
 'Action:     ${action}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('virus-sender',
 'Your message was not delivered: it contains a virus',
 'Your message "${subject}" to ${recipients} was refused by ${hostname} because it contains ${virus}.' || CHR(13) || CHR(10) ||
 'Queue id: ${queueId}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('virus-recipients',
 'A message to you was stopped: it contained a virus',
 'A message from ${sender} with the subject "${subject}" was stopped by ${hostname} because it contained ${virus}.' ||
 CHR(13) || CHR(10) || 'Queue id: ${queueId}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('admin',
 'Policy ${policy}: ${action} for a message from ${sender}',
 'The mail gateway ${hostname} applied policy ${policy} to a message (${reason}).' || CHR(13) || CHR(10) || CHR(13) || CHR(10) ||
 'Queue id:   ${queueId}' || CHR(13) || CHR(10) || 'Sender:     ${sender}' || CHR(13) || CHR(10) ||
 'Recipients: ${recipients}' || CHR(13) || CHR(10) || 'Subject:    ${subject}' || CHR(13) || CHR(10) ||
 'Spam score: ${spamScore}' || CHR(13) || CHR(10) || 'Action:     ${action}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('sender',
 'About your message "${subject}"',
 'Your message "${subject}" to ${recipients} was handled by ${hostname} under policy ${policy}: ${action} (${reason}).' ||
 CHR(13) || CHR(10) || 'Queue id: ${queueId}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('recipients',
 'About a message to you from ${sender}',
 'A message from ${sender} with the subject "${subject}" was handled by ${hostname} under policy ${policy}: ${action} (${reason}).' ||
 CHR(13) || CHR(10) || 'Queue id: ${queueId}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('quarantine-recipients',
 'A message to you was put in quarantine',
 'A message from ${sender} with the subject "${subject}" was put in quarantine by ${hostname} (${reason}).' ||
 CHR(13) || CHR(10) || 'Ask your administrator to release it if you need it. Queue id: ${queueId}' || CHR(13) || CHR(10), 0);
INSERT INTO notification_template (name, subject, body, version) VALUES ('digest',
 'Quarantine digest: ${count} messages held for you',
 'These messages to you are held in quarantine on ${hostname}:' || CHR(13) || CHR(10) || CHR(13) || CHR(10) || '${list}' ||
 CHR(13) || CHR(10) || 'Ask your administrator to release a message you need, naming its queue id.' || CHR(13) || CHR(10), 0);

-- The tracking log: one row per transaction that reached the end of data, written off the reply path.
CREATE TABLE message_log (
    queue_id         VARCHAR(32)   NOT NULL PRIMARY KEY,
    received_at      TIMESTAMP     NOT NULL,
    decided_at       TIMESTAMP     NOT NULL,
    relayed_at       TIMESTAMP,
    hour_bucket      TIMESTAMP     NOT NULL,
    day_bucket       DATE          NOT NULL,
    client_ip        VARCHAR(64)   NOT NULL,
    helo             VARCHAR(512),
    tls              BOOLEAN       NOT NULL,
    auth_user        VARCHAR(320),
    sender           VARCHAR(320)  NOT NULL,
    recipients       VARCHAR(8000) NOT NULL,
    recipient_count  INTEGER       NOT NULL,
    size             BIGINT        NOT NULL,
    viruses          VARCHAR(1000),
    spam_score       DOUBLE PRECISION,
    spam_symbols     VARCHAR(4000),
    verdict          VARCHAR(16)   NOT NULL,
    policy           VARCHAR(100),
    actions          VARCHAR(1000),
    outcome          VARCHAR(16)   NOT NULL,
    reply            VARCHAR(1000) NOT NULL,
    downstream_reply VARCHAR(1000),
    scan_ms          DOUBLE PRECISION,
    relay_ms         DOUBLE PRECISION,
    total_ms         DOUBLE PRECISION NOT NULL
);
CREATE INDEX message_log_received_at ON message_log (received_at);
CREATE INDEX message_log_sender ON message_log (sender);
CREATE INDEX message_log_hour ON message_log (hour_bucket);
CREATE INDEX message_log_day ON message_log (day_bucket);
CREATE TABLE message_log_recipient (
    queue_id VARCHAR(32)  NOT NULL REFERENCES message_log (queue_id) ON DELETE CASCADE,
    address  VARCHAR(320) NOT NULL,
    PRIMARY KEY (queue_id, address)
);
CREATE INDEX message_log_recipient_address ON message_log_recipient (address);

ALTER TABLE gateway_settings ADD COLUMN quarantine_retention_days INTEGER DEFAULT 30    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN tracking_retention_days   INTEGER DEFAULT 90    NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN notify_sender_on_virus    BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN quarantine_digest         BOOLEAN DEFAULT TRUE  NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN digest_interval_seconds   INTEGER DEFAULT 86400 NOT NULL;

-- When each scheduled job last ran, so that a restart neither repeats nor skips one.
CREATE TABLE maintenance_run (
    job         VARCHAR(32) NOT NULL PRIMARY KEY,
    last_run_at TIMESTAMP   NOT NULL
);

-- DISCLAIMER actions keep their text (up to 4000 characters) in the action's text.
ALTER TABLE rule_action ALTER COLUMN text SET DATA TYPE VARCHAR(4000);
