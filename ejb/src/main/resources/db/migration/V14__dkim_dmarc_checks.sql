-- DKIM and ARC verification and DMARC evaluation at the end of data: each off by default (they ask
-- the DNS about every message's signatures and author domain; the resolvers of V11 must answer)
ALTER TABLE gateway_settings ADD COLUMN dkim_enabled                  BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN dmarc_enabled                 BOOLEAN DEFAULT FALSE NOT NULL;
-- each message's DKIM results ("pass d=example.org s=sel; fail d=other.example s=k1", "none"), or NULL
ALTER TABLE message_log ADD COLUMN dkim VARCHAR(1000);
-- its DMARC result ("pass", "none", "fail reject" with the disposition applied ...), or NULL
ALTER TABLE message_log ADD COLUMN dmarc VARCHAR(32);
