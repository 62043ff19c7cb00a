-- ARC sealing of inbound mail (RFC 8617): OFF (default), CHANGED (messages the gateway changed where
-- an arriving signature covers the change) or ALL; the seal is made with the active DKIM key of
-- arc_seal_domain (table dkim_key), empty while sealing is off
ALTER TABLE gateway_settings ADD COLUMN arc_seal                      VARCHAR(8) DEFAULT 'OFF' NOT NULL;
ALTER TABLE gateway_settings ADD COLUMN arc_seal_domain               VARCHAR(253) DEFAULT '' NOT NULL;
