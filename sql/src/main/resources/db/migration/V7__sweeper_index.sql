-- The sweeper looks, every minute, for sessions that are still live or still waiting for a transcript, the quietest
-- first (SweepRepository): by status and last update, so its cost follows the sessions in those states, not the table.
CREATE INDEX ix_voice_sessions_status_updated ON voice_sessions (status, updated_at);
