-- Domain administrators: the domains each one may administer (their quarantine and tracking).
CREATE TABLE admin_user_domain (
    user_id BIGINT       NOT NULL REFERENCES admin_user (id) ON DELETE CASCADE,
    domain  VARCHAR(253) NOT NULL,
    PRIMARY KEY (user_id, domain)
);

-- A held message can be released to some of its recipients (by their mailbox owner, a digest link
-- or a domain administrator) and stay held for the others. Entries released before are released
-- to every recipient.
ALTER TABLE quarantine_recipient ADD COLUMN released_at TIMESTAMP;
UPDATE quarantine_recipient SET released_at = (SELECT COALESCE(q.released_at, q.received_at) FROM quarantine q
                                               WHERE q.queue_id = quarantine_recipient.queue_id)
WHERE queue_id IN (SELECT queue_id FROM quarantine WHERE state = 'RELEASED');

-- The keys that sign the links in digests (HMAC-SHA256): made at the first digest, shared by every node.
CREATE TABLE link_key (
    id         INTEGER     NOT NULL PRIMARY KEY,
    secret     VARCHAR(64) NOT NULL,
    created_at TIMESTAMP   NOT NULL
);

-- Where recipients reach the console, for the links in digests; none until an administrator sets it.
ALTER TABLE gateway_settings ADD COLUMN console_url VARCHAR(400) DEFAULT NULL;

-- Mailbox owners' own sender lists: ALLOW lets a sender's mail past the spam checks for this
-- recipient, BLOCK refuses it. An entry is an address or @domain.
CREATE TABLE mailbox_sender (
    owner      VARCHAR(320) NOT NULL,
    sender     VARCHAR(320) NOT NULL,
    kind       VARCHAR(8)   NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (owner, sender)
);

-- The shipped digest text, unless an administrator changed it, mentions the links its list now has.
UPDATE notification_template SET version = version + 1, body =
 'These messages to you are held in quarantine on ${hostname}:' || CHR(13) || CHR(10) || CHR(13) || CHR(10) || '${list}' ||
 CHR(13) || CHR(10) || 'A message''s link shows it safely and releases it to you alone. Without a link, ask your '
 || 'administrator to release a message you need, naming its queue id.' || CHR(13) || CHR(10)
WHERE name = 'digest' AND body =
 'These messages to you are held in quarantine on ${hostname}:' || CHR(13) || CHR(10) || CHR(13) || CHR(10) || '${list}' ||
 CHR(13) || CHR(10) || 'Ask your administrator to release a message you need, naming its queue id.' || CHR(13) || CHR(10);
