-- greylisting's result for each message's recipients ("passed" on the retry that passed after the
-- delay, "known", "exempt"), or NULL while greylisting is off
ALTER TABLE message_log ADD COLUMN greylist VARCHAR(16);
