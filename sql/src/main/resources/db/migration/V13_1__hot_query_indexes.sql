-- Indexes for the hot queries at a million contacts and ten million attempt rows (issue 21), each checked with ANALYZE
-- on MariaDB by ops/bench/explain.sh (the queries: ops/bench/hot-queries.sql).

-- The dial job's reader walks a campaign's pending contacts, then its retries, each in id order from where the pass
-- stands (DialingContactRepository.DUE_PAGE). Without this the first page of a pass walked the primary key from the
-- first contact of every campaign: 1.1 million rows read before a new campaign's first contact. next_attempt_at is
-- last so that a contact waiting for its window is passed over in the index.
CREATE INDEX ix_contacts_campaign_status_id ON contacts (campaign_id, status, id, next_attempt_at);

-- The campaign's live calls, counted before every dial and by the worker's meters: only the attempts in flight, not
-- the campaign's skips of the night (ix_call_attempts_campaign_time read them all).
CREATE INDEX ix_call_attempts_campaign_status ON call_attempts (campaign_id, status, decided_at);
-- The abandonment guard and its meter: the answered calls of 30 days, not every decision of those days.
CREATE INDEX ix_call_attempts_campaign_outcome ON call_attempts (campaign_id, outcome, decided_at);
-- The console's progress, polled every second: calls placed (the placed rows alone) and skips by reason (read from
-- the index alone, without the rows).
CREATE INDEX ix_call_attempts_campaign_placed ON call_attempts (campaign_id, placed_at);
CREATE INDEX ix_call_attempts_campaign_skips ON call_attempts (campaign_id, decision, reason_code);

-- Weak matches for an operator to check (PostCallReview): the few sessions matched by number and time.
CREATE INDEX ix_voice_sessions_match ON voice_sessions (match_method, created_at);

-- Unmatched payloads (the report's unreconciled count, postcall list, the receiver's gauges) and the archive of applied
-- payloads (ops/dialer inbox archive): by status, oldest first.
CREATE INDEX ix_webhook_inbox_status_received ON webhook_inbox (status, received_at);

-- The transcript sweeper looks at completed sessions that ended in the last 24 hours: by status and end, not every
-- completed session ever (ix_voice_sessions_status_updated read them all: 50,000 of a million sessions, 2 s).
CREATE INDEX ix_voice_sessions_status_ended ON voice_sessions (status, ended_at);
