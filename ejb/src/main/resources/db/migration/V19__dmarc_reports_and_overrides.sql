-- DMARC aggregate reports (RFC 7489 §7.2): off by default (they tell other organisations who sends
-- us mail in their name); the address they come from, the organisation they name, how long one covers
ALTER TABLE gateway_settings ADD COLUMN dmarc_reports_enabled         BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dmarc_report_sender           VARCHAR(320) DEFAULT '' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dmarc_report_org              VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dmarc_report_interval_seconds INTEGER DEFAULT 86400 NOT NULL;
-- Local overrides (§6.7): author domains whose policy is not carried out, client networks that
-- forward mail to us, ARC sealers whose passing chain is trusted (RFC 8617 §7.2); comma-separated
ALTER TABLE gateway_settings ADD COLUMN dmarc_local_policy_domains    VARCHAR(10000) DEFAULT '' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dmarc_trusted_forwarders      VARCHAR(10000) DEFAULT '' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dmarc_trusted_arc_sealers     VARCHAR(10000) DEFAULT '' NOT NULL;
-- the tracking log's DMARC text now names an override: "fail none (overridden: trusted_forwarder)"
ALTER TABLE message_log ALTER COLUMN dmarc SET DATA TYPE VARCHAR(64);
-- One row per distinct combination of what a report row says (RFC 7489 Appendix C, RecordType),
-- with the number of messages it stands for, until the report covering it has been sent. row_key
-- is the SHA-256 of the other facts, so that every node adds to the same row.
CREATE TABLE dmarc_report_row (
    row_key          CHAR(64)      NOT NULL PRIMARY KEY,
    policy_domain    VARCHAR(253)  NOT NULL,
    source_ip        VARCHAR(45)   NOT NULL,
    header_from      VARCHAR(253)  NOT NULL,
    envelope_from    VARCHAR(253)  NOT NULL,
    disposition      VARCHAR(10)   NOT NULL,
    dkim_evaluated   VARCHAR(4)    NOT NULL,
    spf_evaluated    VARCHAR(4)    NOT NULL,
    override_type    VARCHAR(20),
    override_comment VARCHAR(500),
    -- each DKIM signature as "domain selector result", separated by ";"
    dkim_results     VARCHAR(4000) NOT NULL,
    spf_domain       VARCHAR(253)  NOT NULL,
    spf_scope        VARCHAR(5)    NOT NULL,
    spf_result       VARCHAR(10)   NOT NULL,
    policy_p         VARCHAR(10)   NOT NULL,
    policy_sp        VARCHAR(10)   NOT NULL,
    policy_pct       INTEGER       NOT NULL,
    policy_adkim     VARCHAR(1)    NOT NULL,
    policy_aspf      VARCHAR(1)    NOT NULL,
    policy_fo        VARCHAR(10)   NOT NULL,
    rua              VARCHAR(2000) NOT NULL,
    message_count    BIGINT        NOT NULL,
    first_seen       TIMESTAMP     NOT NULL,
    last_seen        TIMESTAMP     NOT NULL
);
CREATE INDEX dmarc_report_row_domain ON dmarc_report_row (policy_domain);
