-- What a campaign did by itself, for the compliance record (issue 19): e.g. paused itself because its 30-day
-- abandonment rate was about to pass 3 %. One row per event, never updated.
CREATE TABLE campaign_events (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    campaign_id  BIGINT        NOT NULL,
    event        VARCHAR(40)   NOT NULL,                    -- paused
    reason_code  VARCHAR(60)   NOT NULL,                    -- abandonment_rate
    detail       VARCHAR(1000) NOT NULL,
    occurred_at  DATETIME(3)   NOT NULL
);
CREATE INDEX ix_campaign_events_campaign ON campaign_events (campaign_id, occurred_at);
