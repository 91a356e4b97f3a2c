-- What a call answered by a machine did under its campaign's voicemail policy (issue 19): hangup, message (the
-- campaign's message was left after the greeting) or agent (handed to the agent as if a person spoke).
ALTER TABLE call_attempts ADD COLUMN voicemail_action VARCHAR(16) NULL;
