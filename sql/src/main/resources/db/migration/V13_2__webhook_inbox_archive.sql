-- Applied webhook payloads moved out of the inbox by `ops/dialer inbox archive` (InboxArchive): the inbox keeps what
-- is pending, failed, unmatched or recent, so its indexes stay small; the archive keeps the raw payloads as they were
-- stored (same columns, same ids) for as long as the retention allows. Erasure and the retention purge reach it too.
CREATE TABLE webhook_inbox_archive (
    id              BIGINT        NOT NULL PRIMARY KEY,      -- the id it had in webhook_inbox
    source          VARCHAR(16)   NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    dedupe_key      VARCHAR(255)  NOT NULL,
    session_id      VARCHAR(40)   NULL,
    call_sid        VARCHAR(40)   NULL,
    conversation_id VARCHAR(100)  NULL,
    request_path    VARCHAR(500)  NOT NULL,
    content_type    VARCHAR(100)  NULL,
    body            LONGTEXT      NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    last_error      VARCHAR(2000) NULL,
    received_at     DATETIME(3)   NOT NULL,
    next_attempt_at DATETIME(3)   NULL,
    processed_at    DATETIME(3)   NULL,
    archived_at     DATETIME(3)   NOT NULL
);
CREATE INDEX ix_webhook_inbox_archive_received ON webhook_inbox_archive (received_at);
