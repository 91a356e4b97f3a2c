-- The history explain.sh measures against, made with MariaDB's SEQUENCE engine (seq_1_to_N) in a few minutes.
-- explain.sh replaces @OLD@ (contacts of the ten older campaigns, all called long ago), @NEW@ (the new campaign's
-- pending contacts, the highest ids, as after a fresh import), @ATTEMPTS@ (call_attempts rows of the older campaigns:
-- nine skips to one dial) and @INBOX@ (webhook payloads, applied).
SET SESSION unique_checks = 0, foreign_key_checks = 0;

INSERT INTO campaigns (id, name, status, agent_name, caller_id, default_region, allowed_countries, time_zone,
                       window_start, window_end, allowed_days, requires_consent, max_attempts, retry_backoff_minutes,
                       min_gap_minutes, machine_detection, calls_per_second, max_live_calls, created_at, updated_at)
SELECT seq, CONCAT('bench-', seq), IF(seq = 11, 'active', 'completed'), 'support', '+19383362295', 'US', 'US',
       'America/New_York', '08:00', '21:00', 'MON,TUE,WED,THU,FRI,SAT,SUN', FALSE, 3, '60,240,1440', 60, 'Enable',
       50, 100, '2025-01-01', '2025-01-01'
  FROM seq_1_to_11;

-- Older campaigns: contacts 1..@OLD@, ten campaigns of equal size, every one done.
INSERT INTO contacts (id, campaign_id, phone_e164, customer_id, name, time_zones, consent, status, attempts_made,
                      last_attempt_at, final_outcome, created_at, updated_at)
SELECT seq, 1 + (seq - 1) DIV CEIL(@OLD@ / 10), CONCAT('+1212', LPAD(seq, 7, '0')), CONCAT('C', seq),
       CONCAT('Person ', seq), 'America/New_York', TRUE, 'done', 1, '2025-06-01', 'completed', '2025-01-01', '2025-06-01'
  FROM seq_1_to_@OLD@;

-- The new campaign (11): pending, never called, the highest ids.
INSERT INTO contacts (id, campaign_id, phone_e164, customer_id, name, time_zones, consent, status, attempts_made,
                      created_at, updated_at)
SELECT @OLD@ + seq, 11, CONCAT('+1313', LPAD(seq, 7, '0')), CONCAT('N', seq), CONCAT('New ', seq), 'America/New_York',
       TRUE, 'pending', 0, '2026-11-30', '2026-11-30'
  FROM seq_1_to_@NEW@;

-- The compliance record: one dial in ten (attempt k+1 of contact r+1 for seq = k * @OLD@ + r), the others skips;
-- decided over the last two years, six seconds apart.
INSERT INTO call_attempts (id, campaign_id, contact_id, attempt_number, decision, reason_code, reason_detail, phone_e164,
                           caller_id, recipient_zone, recipient_local_time, status, session_id, call_sid, run_id,
                           outcome, answered_by, duration_secs, decided_at, placed_at, ended_at)
SELECT seq, 1 + ((seq - 1) MOD @OLD@) DIV CEIL(@OLD@ / 10), 1 + (seq - 1) MOD @OLD@,
       IF(seq MOD 10 = 0, 1 + (seq - 1) DIV @OLD@, NULL),
       IF(seq MOD 10 = 0, 'dial', 'skip'), IF(seq MOD 10 = 0, 'allowed', 'outside_calling_window'),
       IF(seq MOD 10 = 0, NULL, 'outside 08:00-21:00 in America/New_York'),
       CONCAT('+1212', LPAD(1 + (seq - 1) MOD @OLD@, 7, '0')), '+19383362295', 'America/New_York',
       '2025-01-01T09:00-05:00[America/New_York]', IF(seq MOD 10 = 0, 'ended', 'skipped'),
       IF(seq MOD 10 = 0, CONCAT('vs_', seq), NULL), IF(seq MOD 10 = 0, CONCAT('CA', LPAD(seq, 32, '0')), NULL),
       CONCAT('run-', seq DIV 100000), IF(seq MOD 10 = 0, ELT(1 + seq MOD 4, 'completed', 'busy', 'no-answer', 'voicemail'), NULL),
       IF(seq MOD 10 = 0, 'human', NULL), IF(seq MOD 10 = 0, 42, NULL),
       TIMESTAMP '2024-12-01 00:00:00' + INTERVAL (seq * 6) SECOND,
       IF(seq MOD 10 = 0, TIMESTAMP '2024-12-01 00:00:01' + INTERVAL (seq * 6) SECOND, NULL),
       IF(seq MOD 10 = 0, TIMESTAMP '2024-12-01 00:01:00' + INTERVAL (seq * 6) SECOND, NULL)
  FROM seq_1_to_@ATTEMPTS@;

-- The new campaign's first run this morning: every contact skipped, outside its calling window (the contacts stay
-- pending, due again).
INSERT INTO call_attempts (id, campaign_id, contact_id, decision, reason_code, reason_detail, phone_e164, caller_id,
                           recipient_zone, recipient_local_time, status, run_id, decided_at)
SELECT @ATTEMPTS@ + seq, 11, @OLD@ + seq, 'skip', 'outside_calling_window', 'outside 08:00-21:00 in America/New_York',
       CONCAT('+1313', LPAD(seq, 7, '0')), '+19383362295', 'America/New_York', '2026-12-01T04:00-05:00[America/New_York]',
       'skipped', 'run-new', TIMESTAMP '2026-12-01 09:00:00' + INTERVAL (seq * 100000) MICROSECOND
  FROM seq_1_to_@NEW@;

-- The console's skip counters by campaign and reason (V18_1), as the skip writer keeps them beside the skip rows.
INSERT INTO campaign_skip_counts (campaign_id, reason_code, skips)
SELECT campaign_id, reason_code, COUNT(*) FROM call_attempts WHERE decision = 'skip' GROUP BY campaign_id, reason_code;

-- A session and a call row per dial, transcribed (one in twenty completed with no transcript, one in a hundred matched
-- only by number and time).
INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, customer_id, campaign_id, contact_id,
                            attempt_id, call_sid, conversation_id, answered_by, duration_secs, ended_at, updated_at,
                            agent_number, connected_at, agent_call_sid, match_method)
SELECT a.session_id, IF(a.id MOD 200 = 0, 'completed', 'transcribed'), 'support', a.phone_e164, a.decided_at,
       CONCAT('C', a.contact_id), a.campaign_id, a.contact_id, a.id, a.call_sid,
       IF(a.id MOD 200 = 0, NULL, CONCAT('conv_', a.id)), 'human', 42, a.ended_at, a.ended_at, '+19385550100',
       a.placed_at, CONCAT('CB', LPAD(a.id, 32, '0')), IF(a.id MOD 1000 = 0, 'number_time', 'agent_call_sid')
  FROM call_attempts a WHERE a.decision = 'dial';

INSERT INTO calls (direction, status, created_at, conversation_id, session_id, call_sid, from_number, to_number,
                   answered_by, duration_secs, updated_at)
SELECT 'outbound', 'completed', created_at, conversation_id, id, call_sid, '+19383362295', customer_phone, 'human', 42,
       updated_at
  FROM voice_sessions;

-- Applied webhook payloads, the oldest first, a few hundred bytes each (real ones are about 1.1 KB).
INSERT INTO webhook_inbox (id, source, event_type, dedupe_key, session_id, call_sid, request_path, content_type, body,
                           status, attempts, received_at, processed_at)
SELECT seq, 'twilio', 'status', CONCAT('twilio:status:', seq), CONCAT('vs_', seq * 10), CONCAT('CA', LPAD(seq * 10, 32, '0')),
       '/api/twilio/status', 'application/x-www-form-urlencoded',
       CONCAT('CallSid=CA', LPAD(seq * 10, 32, '0'), '&CallStatus=completed&SequenceNumber=3&CallDuration=42&AnsweredBy=human'),
       IF(seq MOD 5000 = 0, 'unmatched', 'processed'), 1,
       TIMESTAMP '2024-12-01 00:00:00' + INTERVAL (seq * 30) SECOND,
       TIMESTAMP '2024-12-01 00:00:00' + INTERVAL (seq * 30) SECOND
  FROM seq_1_to_@INBOX@;

ANALYZE TABLE contacts, call_attempts, voice_sessions, calls, webhook_inbox;
