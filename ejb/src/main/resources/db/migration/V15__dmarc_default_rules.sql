-- The default policy acts on DMARC (RFC 7489 §6.3, §6.6.4) as the author's domain asks: a failure
-- whose p= (sp= for a subdomain, after pct=) is reject is refused with 550 5.7.1, one that asks for
-- quarantine is held. The DMARC filter never matches while senderChecks.dmarc is off, so these rules
-- change nothing until DMARC is turned on. They are ordinary rules (the policy decides, not the
-- check), so an administrator can move, change or delete them like any other. They go right after
-- "Encrypted archive" and before the spam rules (or at the end of a default policy edited to fewer
-- rules): a virus is still refused as a virus, and a forged author is refused before spam tagging.
UPDATE policy_rule SET idx = idx + 2 WHERE idx >= 3 AND policy_id = (SELECT id FROM policy WHERE is_default);
INSERT INTO policy_rule (policy_id, idx, name, filter_type, filter_pattern, filter_regex, filter_case_insensitive)
    SELECT p.id, (SELECT LEAST(3, COUNT(*)) FROM policy_rule r WHERE r.policy_id = p.id),
           'DMARC reject', 'DMARC', 'reject', FALSE, FALSE
    FROM policy p WHERE p.is_default;
INSERT INTO rule_action (rule_id, idx, type, reply_code, reply_status, text)
    SELECT r.id, 0, 'REJECT', 550, '5.7.1', 'Message refused: it failed DMARC and the author''s domain asks for rejection'
    FROM policy_rule r JOIN policy p ON r.policy_id = p.id
    WHERE p.is_default AND r.filter_type = 'DMARC' AND r.filter_pattern = 'reject';
INSERT INTO policy_rule (policy_id, idx, name, filter_type, filter_pattern, filter_regex, filter_case_insensitive)
    SELECT p.id, (SELECT r.idx + 1 FROM policy_rule r WHERE r.policy_id = p.id AND r.name = 'DMARC reject'),
           'DMARC quarantine', 'DMARC', 'quarantine', FALSE, FALSE
    FROM policy p WHERE p.is_default;
INSERT INTO rule_action (rule_id, idx, type)
    SELECT r.id, 0, 'QUARANTINE'
    FROM policy_rule r JOIN policy p ON r.policy_id = p.id
    WHERE p.is_default AND r.filter_type = 'DMARC' AND r.filter_pattern = 'quarantine';
