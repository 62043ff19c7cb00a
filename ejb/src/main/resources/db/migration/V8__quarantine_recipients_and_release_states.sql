-- Quarantine recipients one per row: as the client gave them and in their order (a release goes to
-- exactly these), next to the lower-case form that searches and digests compare. They were a
-- comma-joined list cut at 8,000 characters, with a lower-case copy of each in quarantine_recipient.
CREATE TABLE quarantine_address (
    queue_id      VARCHAR(32)  NOT NULL REFERENCES quarantine (queue_id) ON DELETE CASCADE,
    seq           INTEGER      NOT NULL,
    address       VARCHAR(320) NOT NULL,
    lower_address VARCHAR(320) NOT NULL,
    PRIMARY KEY (queue_id, seq)
);

-- Each stored list split at its commas (a recursive query, the same in H2 and PostgreSQL). The
-- last piece of a list that filled its column may have been cut, so it is left out ...
INSERT INTO quarantine_address (queue_id, seq, address, lower_address)
SELECT queue_id, seq, item, LOWER(item) FROM (
    WITH RECURSIVE split (queue_id, seq, item, rest, cut) AS (
        SELECT queue_id, 0,
               CAST(CASE WHEN POSITION(',' IN recipients) = 0 THEN recipients
                         ELSE SUBSTRING(recipients FROM 1 FOR POSITION(',' IN recipients) - 1) END AS VARCHAR(8000)),
               CAST(CASE WHEN POSITION(',' IN recipients) = 0 THEN ''
                         ELSE SUBSTRING(recipients FROM POSITION(',' IN recipients) + 1) END AS VARCHAR(8000)),
               CASE WHEN CHAR_LENGTH(recipients) >= 8000 THEN 1 ELSE 0 END
        FROM quarantine WHERE recipients <> ''
        UNION ALL
        SELECT queue_id, seq + 1,
               CAST(CASE WHEN POSITION(',' IN rest) = 0 THEN rest
                         ELSE SUBSTRING(rest FROM 1 FOR POSITION(',' IN rest) - 1) END AS VARCHAR(8000)),
               CAST(CASE WHEN POSITION(',' IN rest) = 0 THEN ''
                         ELSE SUBSTRING(rest FROM POSITION(',' IN rest) + 1) END AS VARCHAR(8000)),
               cut
        FROM split WHERE rest <> ''
    )
    SELECT queue_id, seq, CAST(item AS VARCHAR(320)) AS item FROM split
    WHERE item <> '' AND NOT (rest = '' AND cut = 1)
) pieces;

-- ... and the recipients of such a list that are missing now come from the lower-case copies,
-- after the others.
INSERT INTO quarantine_address (queue_id, seq, address, lower_address)
SELECT r.queue_id, 100000 + ROW_NUMBER() OVER (PARTITION BY r.queue_id ORDER BY r.address), r.address, r.address
FROM quarantine_recipient r JOIN quarantine q ON q.queue_id = r.queue_id
WHERE CHAR_LENGTH(q.recipients) >= 8000
  AND NOT EXISTS (SELECT 1 FROM quarantine_address a WHERE a.queue_id = r.queue_id AND a.lower_address = r.address);

DROP TABLE quarantine_recipient;
ALTER TABLE quarantine_address RENAME TO quarantine_recipient;
CREATE INDEX quarantine_recipient_lower ON quarantine_recipient (lower_address);
ALTER TABLE quarantine DROP COLUMN recipients;

-- Releases: a release whose outcome is not known (interrupted, or the connection lost after the
-- message went out) is RELEASE_UNCERTAIN, longer than the column allowed. Each release attempt
-- has a token, so that only its own outcome settles the entry, and the time it started, so that
-- one that never ends is noticed.
ALTER TABLE quarantine ALTER COLUMN state SET DATA TYPE VARCHAR(32);
ALTER TABLE quarantine ADD COLUMN release_started_at TIMESTAMP;
ALTER TABLE quarantine ADD COLUMN release_token VARCHAR(36);
