-- Which agent a call reached and how its transcript was tied to it (issue 15): the leg that arrived at the agent
-- (ElevenLabs' own call_sid), what the agent was told, and how the post-call payload was matched.

-- The agent number connect dialed, and when; the personalisation webhook finds the session being connected by them.
ALTER TABLE voice_sessions ADD COLUMN agent_number VARCHAR(20) NULL;
ALTER TABLE voice_sessions ADD COLUMN connected_at DATETIME(3) NULL;
-- The call SID ElevenLabs saw: <Dial>'s child leg (from the personalisation webhook), or the call itself (register-call).
ALTER TABLE voice_sessions ADD COLUMN agent_call_sid VARCHAR(40) NULL;
-- JSON: the dynamic variables and overrides the agent was given.
ALTER TABLE voice_sessions ADD COLUMN agent_context LONGTEXT NULL;
-- How the post-call payload was matched: conversation_id, agent_call_sid, session_variable, or number_time (weak).
ALTER TABLE voice_sessions ADD COLUMN match_method VARCHAR(20) NULL;
-- A test call speaks to the agent as this contact without being one of its attempts.
ALTER TABLE voice_sessions ADD COLUMN context_contact_id BIGINT NULL;
CREATE UNIQUE INDEX uk_voice_sessions_agent_call_sid ON voice_sessions (agent_call_sid);
CREATE INDEX ix_voice_sessions_connected ON voice_sessions (customer_phone, connected_at);
