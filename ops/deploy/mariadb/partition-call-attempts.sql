-- Partitions call_attempts by month (MySQL/MariaDB), as README.md's "History at scale" explains: once, in a
-- maintenance window (it rewrites the table: about 10 minutes per 10 million rows on a 2-core machine).
-- MySQL requires every unique key to contain the partitioning column, so the table's three unique keys are widened
-- with decided_at. Name the months of your history: one partition per month up to the current one, then pmax.
-- PartitionRecipeIT runs this file on MariaDB, then the dialer's inserts, report and purge on the partitioned table.
ALTER TABLE call_attempts
  DROP PRIMARY KEY, ADD PRIMARY KEY (id, decided_at),
  DROP INDEX uk_call_attempts_contact_attempt, ADD UNIQUE KEY uk_call_attempts_contact_attempt (contact_id, attempt_number, decided_at),
  DROP INDEX uk_call_attempts_session, ADD UNIQUE KEY uk_call_attempts_session (session_id, decided_at);
ALTER TABLE call_attempts PARTITION BY RANGE COLUMNS (decided_at) (
  PARTITION p2026_11 VALUES LESS THAN ('2026-12-01'),
  PARTITION p2026_12 VALUES LESS THAN ('2027-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE));
