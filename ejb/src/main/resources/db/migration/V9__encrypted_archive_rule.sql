-- The default policy marks mail that carries an encrypted archive (whose content no engine could
-- scan) with a header the mail server or the recipient's client can act on, and delivers it: a
-- rule right after "Unscannable" (or at the end of a default policy edited to fewer rules). Such
-- archives are a routine way to send confidential files and also a way to slip malware past a
-- scanner; the gateway cannot tell them apart, so by default it says so instead of refusing.
UPDATE policy_rule SET idx = idx + 1 WHERE idx >= 2 AND policy_id = (SELECT id FROM policy WHERE is_default);
INSERT INTO policy_rule (policy_id, idx, name, filter_type, filter_regex, filter_case_insensitive)
    SELECT p.id, (SELECT LEAST(2, COUNT(*)) FROM policy_rule r WHERE r.policy_id = p.id),
           'Encrypted archive', 'ENCRYPTED_ARCHIVE', FALSE, FALSE
    FROM policy p WHERE p.is_default;
INSERT INTO rule_action (rule_id, idx, type, header, header_value)
    SELECT r.id, 0, 'ADD_HEADER', 'X-Sluice-Encrypted-Archive', 'yes'
    FROM policy_rule r JOIN policy p ON r.policy_id = p.id
    WHERE p.is_default AND r.filter_type = 'ENCRYPTED_ARCHIVE';
