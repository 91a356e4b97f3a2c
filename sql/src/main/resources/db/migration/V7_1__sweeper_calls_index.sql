-- The call sweeper looks for calls without an end by the call row's status and last update (a session may be
-- transcribed while its call's final status never came), so that look-up gets the index V7 gave the sessions.
CREATE INDEX ix_calls_status_updated ON calls (status, updated_at);
