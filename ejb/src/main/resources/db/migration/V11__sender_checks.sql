-- Sender checks: the DNS resolvers every lookup goes to (none: the system's), SPF at MAIL,
-- greylisting at RCPT and DNS block lists, with the state and results they keep.
ALTER TABLE gateway_settings ADD COLUMN dns_servers                   VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dns_timeout_millis            INTEGER DEFAULT 3000 NOT NULL;
-- SPF at MAIL: on or off (it asks the DNS for every sender; the resolvers above must answer)
ALTER TABLE gateway_settings ADD COLUMN spf_enabled                   BOOLEAN DEFAULT FALSE NOT NULL;
-- the SPF result of each message (pass, fail, softfail, neutral, none, temperror, permerror), or NULL
ALTER TABLE message_log ADD COLUMN spf VARCHAR(16);
-- DNS block lists, in the order they are asked (see io.sluice.config.DnsList)
CREATE TABLE dns_block_list (
    settings_id   INTEGER       NOT NULL REFERENCES gateway_settings (id),
    idx           INTEGER       NOT NULL,
    zone          VARCHAR(253)  NOT NULL,
    kind          VARCHAR(8)    NOT NULL,
    return_codes  VARCHAR(1000) NOT NULL,
    reject_listed BOOLEAN       NOT NULL,
    weight        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (settings_id, idx)
);
-- the block lists that listed the client, its HELO name, the sender's domain or a URL of the message
ALTER TABLE message_log ADD COLUMN dnsbl VARCHAR(1000);
-- Greylisting at RCPT (RFC 6647): off by default; the delay, the window a retry is taken in, how
-- long a client network that retried passes, and what is never greylisted
ALTER TABLE gateway_settings ADD COLUMN greylisting_enabled           BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN greylist_delay_seconds        INTEGER DEFAULT 300 NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN greylist_window_seconds       INTEGER DEFAULT 14400 NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN greylist_allow_seconds        INTEGER DEFAULT 3110400 NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN greylist_exempt               VARCHAR(10000) DEFAULT '' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN greylist_exempt_spf_pass      BOOLEAN DEFAULT TRUE NOT NULL;
-- Greylisting's state, shared by every node: the triplets seen (client network, sender, recipient)
-- and the client networks that retried. Rows past expires_at / allowed_until are purged.
CREATE TABLE greylist_triplet (
    network    VARCHAR(64)  NOT NULL,
    sender     VARCHAR(320) NOT NULL,
    recipient  VARCHAR(320) NOT NULL,
    first_seen TIMESTAMP    NOT NULL,
    passed     BOOLEAN      NOT NULL,
    expires_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (network, sender, recipient)
);
CREATE INDEX greylist_triplet_expires ON greylist_triplet (expires_at);
CREATE TABLE greylist_client (
    network       VARCHAR(64) NOT NULL PRIMARY KEY,
    allowed_until TIMESTAMP   NOT NULL
);
