-- Skips by reason for the console's progress (issue 21), polled every second for every campaign on the list: a
-- counter per campaign and reason, added to by the dial run's skip writer in the transaction that inserts the skip
-- rows (CallAttemptRepository.recordSkips), so the poll reads a few rows instead of counting every skip the campaign
-- ever had (two million index entries after two nights of a million-contact list). call_attempts stays the record.
CREATE TABLE campaign_skip_counts (
    campaign_id BIGINT      NOT NULL,
    reason_code VARCHAR(40) NOT NULL,
    skips       BIGINT      NOT NULL,
    PRIMARY KEY (campaign_id, reason_code)
);
-- The skips recorded before this migration.
INSERT INTO campaign_skip_counts (campaign_id, reason_code, skips)
SELECT campaign_id, reason_code, COUNT(*) FROM call_attempts
 WHERE campaign_id IS NOT NULL AND decision = 'skip'
 GROUP BY campaign_id, reason_code;
