-- Dial runs' liveness. The worker running a dial run writes beat_at every 2 s; a run whose beat is older
-- than dialer.dial.stale-after is taken as crashed: its execution is recovered and restarted, and its
-- attempts still in flight are resolved with Twilio at once. A run that ends deletes its row.
CREATE TABLE dial_run_heartbeats (
    run_id           VARCHAR(64)   NOT NULL PRIMARY KEY,     -- dialCampaign/<job execution id>, as call_attempts.run_id
    job_execution_id BIGINT        NOT NULL,
    worker           VARCHAR(200)  NOT NULL,                 -- pid@host of the process running it
    started_at       DATETIME(3)   NOT NULL,
    beat_at          DATETIME(3)   NOT NULL
);

-- Ended attempts still without their call SID (a callback outran a worker that crashed) are looked up on
-- every resolver pass; this keeps that lookup off the table's other ended rows.
CREATE INDEX ix_call_attempts_status_sid ON call_attempts (status, call_sid);
CREATE INDEX ix_call_attempts_run ON call_attempts (run_id, status);
