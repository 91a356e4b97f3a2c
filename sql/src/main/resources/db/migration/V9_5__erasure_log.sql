-- Erasure on request (issue 19): who erased whose data, when and why, and what was removed. The person is named only
-- by a masked number and the SHA-256 of the number or customer id, so the log itself holds no personal data.
CREATE TABLE erasure_log (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    subject_kind  VARCHAR(16)   NOT NULL,                   -- phone, customer_id
    subject_hash  CHAR(64)      NOT NULL,                   -- SHA-256, hex, of the E.164 number or the customer id
    subject_hint  VARCHAR(40)   NOT NULL,                   -- masked number (+1938***2295) or customer id's length
    requested_by  VARCHAR(100)  NOT NULL,
    reason        VARCHAR(500)  NOT NULL,
    removed       VARCHAR(2000) NOT NULL,                   -- what was removed, e.g. contacts=2, transcripts=3, ...
    erased_at     DATETIME(3)   NOT NULL
);
CREATE INDEX ix_erasure_log_subject ON erasure_log (subject_hash);
