-- The hot queries of the dialer, as the code runs them (the class that holds each is named), with the values of one
-- call filled in for the history explain-data.sql makes: ten older campaigns (1-10) whose contacts were all called, a
-- new campaign 11 whose contacts are all pending (the highest ids) after a first run this morning that skipped every
-- one (outside the calling window), and "now" 2026-12-01 12:00.
-- explain.sh runs each block with MariaDB's ANALYZE (executed, then rolled back) and fails when a query reads a
-- table from end to end (access type ALL, or a full index scan) or reads more rows than its bound says.
-- Each block: "-- query: NAME | max rows read: N", then the statement up to its ';'. Keep them in step with the code.

-- query: dial job reader, first page of a pass (DialingContactRepository.DUE_PAGE) | max rows read: 2000
SELECT contacts.id, campaign_id, phone_e164, customer_id, time_zones, consent, status, attempts_made,
       next_attempt_at, last_attempt_at,
       (SELECT MAX(d.scope) FROM dnc_numbers d
         WHERE d.phone_e164 = contacts.phone_e164
           AND d.scope IN ('system', CONCAT('campaign:', contacts.campaign_id))) AS dnc_scope
  FROM (        (SELECT id FROM contacts USE INDEX (ix_contacts_campaign_status_id)
          WHERE campaign_id = 11 AND status = 'pending'
            AND (next_attempt_at IS NULL OR next_attempt_at <= '2026-12-01 12:00:00')
            AND id > 0
          ORDER BY id
          LIMIT 100)
        UNION ALL
        (SELECT id FROM contacts USE INDEX (ix_contacts_campaign_status_id)
          WHERE campaign_id = 11 AND status = 'retry'
            AND (next_attempt_at IS NULL OR next_attempt_at <= '2026-12-01 12:00:00')
            AND id > 0
          ORDER BY id
          LIMIT 100)) due
  JOIN contacts ON contacts.id = due.id
 ORDER BY contacts.id
 LIMIT 100;

-- query: dial job reader, a page 15,000 contacts into the new campaign (DialingContactRepository.DUE_PAGE) | max rows read: 2000
SELECT contacts.id, campaign_id, phone_e164, customer_id, time_zones, consent, status, attempts_made,
       next_attempt_at, last_attempt_at,
       (SELECT MAX(d.scope) FROM dnc_numbers d
         WHERE d.phone_e164 = contacts.phone_e164
           AND d.scope IN ('system', CONCAT('campaign:', contacts.campaign_id))) AS dnc_scope
  FROM (        (SELECT id FROM contacts USE INDEX (ix_contacts_campaign_status_id)
          WHERE campaign_id = 11 AND status = 'pending'
            AND (next_attempt_at IS NULL OR next_attempt_at <= '2026-12-01 12:00:00')
            AND id > 995000
          ORDER BY id
          LIMIT 100)
        UNION ALL
        (SELECT id FROM contacts USE INDEX (ix_contacts_campaign_status_id)
          WHERE campaign_id = 11 AND status = 'retry'
            AND (next_attempt_at IS NULL OR next_attempt_at <= '2026-12-01 12:00:00')
            AND id > 995000
          ORDER BY id
          LIMIT 100)) due
  JOIN contacts ON contacts.id = due.id
 ORDER BY contacts.id
 LIMIT 100;

-- query: dial job reader, when the next contact comes due (DialingContactRepository.NEXT_DUE) | max rows read: 1000
SELECT MIN(next_attempt_at) AS next_due FROM contacts
 WHERE campaign_id = 11 AND status IN ('pending', 'retry') AND next_attempt_at > '2026-12-01 12:00:00';

-- query: dial job, live calls of the campaign before each dial (CallAttemptRepository.LIVE_CALLS) | max rows read: 1000
SELECT COUNT(*) FROM call_attempts a JOIN voice_sessions s ON s.id = a.session_id
 WHERE a.campaign_id = 11 AND a.status IN ('dialing', 'unknown', 'placed')
   AND a.decided_at >= '2026-12-01 08:00:00' AND s.status NOT IN ('completed', 'busy', 'no-answer', 'failed', 'canceled', 'transcribed');

-- query: dial job, the contact's next attempt number (CallAttemptRepository) | max rows read: 100
SELECT COALESCE(MAX(attempt_number), 0) FROM call_attempts WHERE contact_id = 4711;

-- query: dial job, state frequency cap: calls to a number in 24 h (CallCounts) | max rows read: 100
SELECT COUNT(*) AS calls, MIN(decided_at) AS earliest FROM call_attempts
 WHERE phone_e164 = '+12120004711' AND decision = 'dial' AND status <> 'not_placed' AND decided_at > '2026-11-30 12:00:00';

-- query: resolver, attempts in flight (CallAttemptRepository.IN_FLIGHT) | max rows read: 1000
SELECT a.* FROM call_attempts a LEFT JOIN dial_run_heartbeats h ON h.run_id = a.run_id
 WHERE a.status IN ('dialing', 'unknown')
   AND (a.decided_at <= '2026-12-01 11:59:00' OR h.beat_at <= '2026-12-01 11:59:50')
 ORDER BY a.id;

-- query: resolver, the run's own attempts in flight (CallAttemptRepository.IN_FLIGHT_OF_RUN) | max rows read: 1000
SELECT * FROM call_attempts WHERE run_id = 'run-7' AND status IN ('dialing', 'unknown') ORDER BY id;

-- query: sweeper, calls without an end (SweepRepository.CALLS_WITHOUT_END) | max rows read: 1000
SELECT session_id, call_sid FROM calls
 WHERE status IN ('created', 'queued', 'initiated', 'ringing', 'in-progress') AND call_sid IS NOT NULL
   AND updated_at < '2026-12-01 11:57:00'
 ORDER BY updated_at LIMIT 300;

-- query: sweeper, conversations without a transcript (SweepRepository.CONVERSATIONS_WITHOUT_TRANSCRIPT) | max rows read: 1000
SELECT id, agent_name, agent_call_sid, conversation_id, connected_at, ended_at, duration_secs FROM voice_sessions
 WHERE status = 'completed' AND (agent_call_sid IS NOT NULL OR conversation_id IS NOT NULL)
   AND (dial_call_status IS NULL OR dial_call_status NOT IN ('busy', 'no-answer', 'failed', 'canceled', 'agent-unavailable'))
   AND ended_at < '2026-12-01 11:55:00' AND ended_at >= '2026-11-30 12:00:00'
 ORDER BY updated_at LIMIT 300;

-- query: console, campaign progress: calls placed (CampaignProgressRepository.COUNTS), polled every second | max rows read: 1000
SELECT COUNT(*) AS placed, COALESCE(SUM(CASE WHEN placed_at >= '2026-12-01 11:59:50' THEN 1 ELSE 0 END), 0) AS recent
  FROM call_attempts WHERE campaign_id = 11 AND placed_at IS NOT NULL;

-- query: console, campaign progress: skips by reason (CampaignProgressRepository.SKIPS), polled every second for every campaign; the campaign's counters, one row per reason, however many skips it has had | max rows read: 50
SELECT reason_code, skips FROM campaign_skip_counts WHERE campaign_id = 11 ORDER BY reason_code;

-- query: console, campaign progress: live calls (CampaignProgressRepository.LIVE) | max rows read: 1000
SELECT COUNT(*) FROM voice_sessions
 WHERE campaign_id = 11 AND status IN ('queued', 'initiated', 'ringing', 'in-progress');

-- query: worker monitoring, live calls per campaign (WorkerMonitoring.LIVE_CALLS), every 15 s | max rows read: 1000
SELECT cp.name,
       (SELECT COUNT(*) FROM call_attempts a JOIN voice_sessions s ON s.id = a.session_id
         WHERE a.campaign_id = cp.id AND a.status IN ('dialing', 'unknown', 'placed')
           AND a.decided_at >= '2026-12-01 08:00:00' AND s.status NOT IN ('completed', 'busy', 'no-answer', 'failed', 'canceled', 'transcribed'))
  FROM campaigns cp WHERE cp.status IN ('active', 'paused');

-- query: abandonment guard, 30 days of a campaign (AbandonmentGuard) | max rows read: 100000
SELECT COUNT(*) AS answered,
       COALESCE(SUM(CASE WHEN a.outcome = 'agent-unavailable'
                           OR (vs.conversation_id IS NULL
                               AND (vs.dial_call_status IS NULL OR vs.dial_call_status NOT IN ('completed', 'answered')))
                         THEN 1 ELSE 0 END), 0) AS abandoned
  FROM call_attempts a
  LEFT JOIN voice_sessions vs ON vs.id = a.session_id
 WHERE a.campaign_id = 1 AND a.decision = 'dial' AND a.decided_at > '2026-10-01 12:00:00' AND a.decided_at <= '2026-10-31 12:00:00'
   AND a.outcome IN ('completed', 'agent-unavailable');

-- query: report, a month of one campaign: 98,000 rows and their contacts and sessions (AttemptReportRepository.ROWS) | max rows read: 230000
SELECT a.id, a.decided_at, a.decision, a.reason_code, a.reason_detail, a.contact_id, c.customer_id,
       a.phone_e164, a.recipient_zone, a.recipient_local_time, a.caller_id, a.attempt_number, a.status,
       a.outcome, a.answered_by, a.duration_secs, a.session_id, a.call_sid, a.error_code,
       vs.conversation_id, vs.extracted_intent, vs.dial_call_status, vs.match_method,
       a.registry_date, a.voicemail_action,
       COALESCE((SELECT cs.basis FROM consents cs
                  WHERE cs.phone_e164 = a.phone_e164 AND cs.captured_at <= a.decided_at
                    AND (cs.revoked_at IS NULL OR cs.revoked_at > a.decided_at)
                  ORDER BY cs.captured_at DESC LIMIT 1),
                CASE WHEN c.consent AND c.consent_source IS NULL THEN 'list'
                     WHEN c.consent THEN CONCAT('list: ', c.consent_source) END) AS consent_basis
  FROM call_attempts a
  LEFT JOIN contacts c ON c.id = a.contact_id
  LEFT JOIN voice_sessions vs ON vs.id = a.session_id
 WHERE a.campaign_id = 1 AND a.decided_at >= '2026-10-01 00:00:00' AND a.decided_at < '2026-11-01 00:00:00'
 ORDER BY a.decided_at, a.id;

-- query: report, unreconciled payloads in the period (AttemptReportRepository.UNRECONCILED) | max rows read: 10000
SELECT COUNT(*) FROM webhook_inbox
 WHERE status = 'unmatched' AND received_at >= '2026-10-01 00:00:00' AND received_at < '2026-11-01 00:00:00';

-- query: console, contact search by number or customer id (ContactHistoryRepository.FIND) | max rows read: 100
SELECT id, campaign_id, phone_e164, customer_id, name, status, attempts_made, final_outcome FROM contacts
 WHERE phone_e164 = '+12120004711' OR customer_id = 'C4711' ORDER BY id LIMIT 100;

-- query: console, a contact's history (ContactHistoryRepository.ATTEMPTS) | max rows read: 100
SELECT a.id, a.decided_at, a.decision, a.reason_code, a.reason_detail, a.status, a.outcome, a.session_id,
       vs.extracted_intent, vs.summary
  FROM call_attempts a LEFT JOIN voice_sessions vs ON vs.id = a.session_id
 WHERE a.contact_id = 4711 ORDER BY a.decided_at, a.id;

-- query: console and postcall list, weak matches: 10,000 sessions, all listed (PostCallReview.WEAK_MATCHES) | max rows read: 12000
SELECT id, campaign_id, customer_phone, conversation_id, created_at FROM voice_sessions
 WHERE match_method = 'number_time'
 ORDER BY created_at, id;

-- query: console and postcall list, unmatched payloads (PostCallReview.UNMATCHED) | max rows read: 5000
SELECT id, event_type, conversation_id, received_at, last_error FROM webhook_inbox
 WHERE source = 'elevenlabs' AND status = 'unmatched'
 ORDER BY received_at, id;

-- query: receiver, the session of a callback (VoiceSessionRepository.find) | max rows read: 10
SELECT * FROM voice_sessions WHERE id = 'vs_4700000';

-- query: receiver, a session by call SID (VoiceSessionRepository.findByCallSid) | max rows read: 10
SELECT * FROM voice_sessions WHERE call_sid = 'CA00000000000000000000000004700000';

-- query: receiver, a transcript by conversation id (VoiceSessionRepository.findByConversationId) | max rows read: 10
SELECT * FROM voice_sessions WHERE conversation_id = 'conv_4700000';

-- query: receiver, a transcript by number and time, the weak match (VoiceSessionRepository.BY_PHONE_BETWEEN) | max rows read: 100
SELECT * FROM voice_sessions
 WHERE customer_phone = '+12120004711' AND created_at BETWEEN '2026-11-30 12:00:00' AND '2026-12-01 12:00:00'
   AND conversation_id IS NULL
 ORDER BY created_at DESC LIMIT 1;

-- query: receiver, personalisation: the arriving leg's session (AgentContextRepository.LEG_CANDIDATES) | max rows read: 100
SELECT vs.id AS session_id, vs.agent_call_sid, cp.name AS campaign_name, ct.name AS contact_name,
       COALESCE(ct.customer_id, vs.customer_id) AS customer_id, ct.variables
  FROM voice_sessions vs
  LEFT JOIN campaigns cp ON cp.id = vs.campaign_id
  LEFT JOIN contacts ct ON ct.id = COALESCE(vs.contact_id, vs.context_contact_id)
 WHERE vs.agent_call_sid = 'CB00000000000000000000000004700000'
UNION ALL
SELECT vs.id, vs.agent_call_sid, cp.name, ct.name, COALESCE(ct.customer_id, vs.customer_id), ct.variables
  FROM voice_sessions vs
  LEFT JOIN campaigns cp ON cp.id = vs.campaign_id
  LEFT JOIN contacts ct ON ct.id = COALESCE(vs.contact_id, vs.context_contact_id)
 WHERE vs.customer_phone = '+12120004711' AND vs.agent_number = '+19385550100' AND vs.connected_at >= '2026-12-01 11:58:00'
   AND vs.agent_call_sid IS NULL AND vs.conversation_id IS NULL AND vs.ended_at IS NULL
 LIMIT 6;

-- query: receiver, the inbox poller (WebhookInboxRepository.DUE) | max rows read: 1000
SELECT * FROM webhook_inbox
 WHERE status IN ('pending', 'failed') AND next_attempt_at IS NOT NULL AND next_attempt_at <= '2026-12-01 12:00:00'
 ORDER BY next_attempt_at, id LIMIT 100;

-- query: receiver, a duplicate delivery (WebhookInboxRepository.BY_KEY) | max rows read: 10
SELECT * FROM webhook_inbox WHERE dedupe_key = 'twilio:status:4711';

-- query: receiver, inbox gauges (WebhookMetrics) | max rows read: 10000
SELECT status, COUNT(*) AS payloads, MIN(received_at) AS oldest FROM webhook_inbox
 WHERE status IN ('pending', 'failed', 'unmatched') GROUP BY status;

-- query: receiver, a status callback's session update (VoiceSessionRepository.ADVANCE_SESSION) | max rows read: 10
UPDATE voice_sessions SET status = 'completed', updated_at = '2026-12-01 12:00:00'
 WHERE id = 'vs_4700000' AND status IN ('created', 'queued', 'initiated', 'ringing', 'in-progress');

-- query: receiver, a status callback's call update (VoiceSessionRepository.ADVANCE_CALL) | max rows read: 10
UPDATE calls SET status = 'completed', updated_at = '2026-12-01 12:00:00'
 WHERE session_id = 'vs_4700000' AND status IN ('created', 'queued', 'initiated', 'ringing', 'in-progress');

-- query: receiver, the attempt's outcome (VoiceSessionRepository.ATTEMPT_OUTCOME) | max rows read: 10
UPDATE call_attempts SET outcome = 'completed', answered_by = 'human', duration_secs = 42,
       ended_at = '2026-12-01 12:00:00', status = 'ended'
 WHERE session_id = 'vs_4700000';

-- query: archive, applied payloads older than the cut-off, one batch (InboxArchive) | max rows read: 2000
SELECT id FROM webhook_inbox
 WHERE status = 'processed' AND received_at < '2025-06-01 00:00:00'
 ORDER BY received_at, id LIMIT 1000;
