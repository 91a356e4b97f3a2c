-- The dialer's own tables. One migration set for MySQL/MariaDB (production) and H2 in MySQL mode
-- (embedded default, fast tests). Times are DATETIME(3) in UTC: the application converts, the
-- database never does. Uniqueness that guards an invariant is a named constraint.

-- Campaigns: who calls, when, how fast, how often.
CREATE TABLE campaigns (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                  VARCHAR(100)  NOT NULL,
    status                VARCHAR(16)   NOT NULL,            -- draft, active, paused, cancelled, completed
    agent_name            VARCHAR(100)  NOT NULL,            -- the seed's agent_type / agent_name
    caller_id             VARCHAR(20)   NOT NULL,            -- E.164 number shown to the recipient
    default_region        CHAR(2)       NOT NULL,            -- ISO 3166 region for national-format numbers
    allowed_countries     VARCHAR(400)  NOT NULL,            -- comma-separated region codes
    time_zone             VARCHAR(64)   NOT NULL,            -- the campaign's own zone (cron, run date)
    window_start          TIME          NOT NULL,            -- recipient-local calling window
    window_end            TIME          NOT NULL,
    allowed_days          VARCHAR(40)   NOT NULL,            -- MON,TUE,...
    region_windows        VARCHAR(1000) NULL,                -- stricter rules, e.g. US-FL=08:00-20:00
    requires_consent      BOOLEAN       NOT NULL,
    max_attempts          INT           NOT NULL,
    retry_backoff_minutes VARCHAR(200)  NOT NULL,            -- e.g. 60,240,1440 (last value repeats)
    min_gap_minutes       INT           NOT NULL,
    machine_detection     VARCHAR(20)   NOT NULL,            -- Enable, DetectMessageEnd or None
    calls_per_second      DECIMAL(7,2)  NOT NULL,
    max_live_calls        INT           NOT NULL,
    cron                  VARCHAR(120)  NULL,
    inbox_dir             VARCHAR(1000) NULL,
    created_at            DATETIME(3)   NOT NULL,
    updated_at            DATETIME(3)   NOT NULL,
    CONSTRAINT uk_campaigns_name UNIQUE (name)
);

-- Imports of CSV lists; a file is identified by its checksum within a campaign.
CREATE TABLE imports (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    campaign_id   BIGINT        NOT NULL,
    file_name     VARCHAR(500)  NOT NULL,
    checksum      CHAR(64)      NOT NULL,                    -- SHA-256, hex
    status        VARCHAR(16)   NOT NULL,                    -- running, completed, failed, refused
    rows_read     INT           NOT NULL DEFAULT 0,
    imported      INT           NOT NULL DEFAULT 0,
    rejected      INT           NOT NULL DEFAULT 0,
    suppressed    INT           NOT NULL DEFAULT 0,
    duplicates    INT           NOT NULL DEFAULT 0,
    message       VARCHAR(2000) NULL,
    rejects_csv   LONGTEXT      NULL,                        -- the rejects report as written beside the file
    started_at    DATETIME(3)   NOT NULL,
    finished_at   DATETIME(3)   NULL,
    CONSTRAINT uk_imports_campaign_checksum UNIQUE (campaign_id, checksum)
);

CREATE TABLE import_rejects (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    import_id    BIGINT        NOT NULL,
    line_number  BIGINT        NOT NULL,
    reason_code  VARCHAR(40)   NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    raw_values   LONGTEXT      NULL,
    CONSTRAINT uk_import_rejects_line UNIQUE (import_id, line_number)
);

-- Contacts: one per number per campaign, with consent and the agent's per-recipient variables.
CREATE TABLE contacts (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    campaign_id      BIGINT        NOT NULL,
    import_id        BIGINT        NULL,
    line_number      BIGINT        NULL,
    phone_e164       VARCHAR(20)   NOT NULL,
    phone_raw        VARCHAR(100)  NULL,
    region_code      CHAR(2)       NULL,
    customer_id      VARCHAR(100)  NULL,
    name             VARCHAR(200)  NULL,
    time_zones       VARCHAR(400)  NULL,                     -- comma-separated IANA zones
    consent          BOOLEAN       NOT NULL DEFAULT FALSE,
    consent_source   VARCHAR(200)  NULL,
    consent_at       DATETIME(3)   NULL,
    variables        LONGTEXT      NULL,                     -- JSON object of the other CSV columns
    status           VARCHAR(16)   NOT NULL,                 -- pending, retry, dialing, done, suppressed
    attempts_made    INT           NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(3)   NULL,
    last_attempt_at  DATETIME(3)   NULL,
    final_outcome    VARCHAR(32)   NULL,
    created_at       DATETIME(3)   NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    CONSTRAINT uk_contacts_campaign_phone UNIQUE (campaign_id, phone_e164)
);
CREATE INDEX ix_contacts_due ON contacts (campaign_id, status, next_attempt_at);

-- The compliance record: one row per decision to dial (decision = 'dial', with its attempt number)
-- or not to dial (decision = 'skip', attempt_number NULL), with the rule that decided it.
CREATE TABLE call_attempts (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    campaign_id          BIGINT        NULL,                 -- NULL for calls placed through the API
    contact_id           BIGINT        NULL,
    attempt_number       INT           NULL,
    decision             VARCHAR(8)    NOT NULL,             -- dial, skip
    reason_code          VARCHAR(40)   NOT NULL,             -- the rule that allowed or stopped the dial
    reason_detail        VARCHAR(1000) NULL,
    phone_e164           VARCHAR(20)   NOT NULL,
    caller_id            VARCHAR(20)   NULL,
    recipient_zone       VARCHAR(64)   NULL,
    recipient_local_time VARCHAR(40)   NULL,                 -- e.g. 2026-11-24T09:15-05:00[America/New_York]
    status               VARCHAR(16)   NOT NULL,             -- skipped, dialing, placed, unknown, not_placed, ended
    session_id           VARCHAR(40)   NULL,
    call_sid             VARCHAR(40)   NULL,
    run_id               VARCHAR(64)   NULL,
    outcome              VARCHAR(32)   NULL,                 -- completed, busy, no-answer, failed, canceled, voicemail
    answered_by          VARCHAR(32)   NULL,
    duration_secs        INT           NULL,
    error_code           VARCHAR(20)   NULL,
    error_message        VARCHAR(1000) NULL,
    decided_at           DATETIME(3)   NOT NULL,
    placed_at            DATETIME(3)   NULL,
    ended_at             DATETIME(3)   NULL,
    CONSTRAINT uk_call_attempts_contact_attempt UNIQUE (contact_id, attempt_number),
    CONSTRAINT uk_call_attempts_session UNIQUE (session_id)
);
CREATE INDEX ix_call_attempts_campaign_time ON call_attempts (campaign_id, decided_at);
CREATE INDEX ix_call_attempts_status ON call_attempts (status);
CREATE INDEX ix_call_attempts_call_sid ON call_attempts (call_sid);

-- Do-not-call lists: scope 'system' for the system-wide list, 'campaign:<id>' for a campaign's own.
CREATE TABLE dnc_numbers (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    phone_e164  VARCHAR(20)   NOT NULL,
    scope       VARCHAR(40)   NOT NULL,
    source      VARCHAR(40)   NOT NULL,                      -- opt-out, manual, import, api
    reason      VARCHAR(500)  NULL,
    session_id  VARCHAR(40)   NULL,
    added_at    DATETIME(3)   NOT NULL,
    CONSTRAINT uk_dnc_numbers_phone_scope UNIQUE (phone_e164, scope)
);

-- The seed's tables, with the seed's columns first.
CREATE TABLE voice_sessions (
    id                   VARCHAR(40)   NOT NULL PRIMARY KEY, -- vs_...
    status               VARCHAR(16)   NOT NULL,
    agent_name           VARCHAR(100)  NULL,
    customer_phone       VARCHAR(20)   NULL,
    created_at           DATETIME(3)   NOT NULL,
    customer_id          VARCHAR(100)  NULL,
    campaign_id          BIGINT        NULL,
    contact_id           BIGINT        NULL,
    attempt_id           BIGINT        NULL,
    call_sid             VARCHAR(40)   NULL,
    conversation_id      VARCHAR(100)  NULL,
    last_sequence_number INT           NULL,
    answered_by          VARCHAR(32)   NULL,
    duration_secs        INT           NULL,
    dial_call_status     VARCHAR(32)   NULL,                 -- the agent leg's result, from <Dial action>
    dial_call_sid        VARCHAR(40)   NULL,
    dial_duration_secs   INT           NULL,
    extracted_intent     VARCHAR(40)   NULL,
    call_successful      VARCHAR(16)   NULL,
    transcript           LONGTEXT      NULL,                 -- JSON array of turns
    summary              LONGTEXT      NULL,
    data_collection      LONGTEXT      NULL,                 -- JSON object
    cost                 DECIMAL(12,4) NULL,
    ended_at             DATETIME(3)   NULL,
    updated_at           DATETIME(3)   NOT NULL,
    CONSTRAINT uk_voice_sessions_call_sid UNIQUE (call_sid),
    CONSTRAINT uk_voice_sessions_conversation UNIQUE (conversation_id)
);
CREATE INDEX ix_voice_sessions_created ON voice_sessions (created_at);
CREATE INDEX ix_voice_sessions_phone ON voice_sessions (customer_phone, created_at);

CREATE TABLE calls (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    direction       VARCHAR(16)   NOT NULL,                  -- outbound
    status          VARCHAR(16)   NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    conversation_id VARCHAR(100)  NULL,
    session_id      VARCHAR(40)   NOT NULL,
    call_sid        VARCHAR(40)   NULL,
    from_number     VARCHAR(20)   NULL,
    to_number       VARCHAR(20)   NULL,
    answered_by     VARCHAR(32)   NULL,
    duration_secs   INT           NULL,
    updated_at      DATETIME(3)   NOT NULL,
    CONSTRAINT uk_calls_session UNIQUE (session_id),
    CONSTRAINT uk_calls_call_sid UNIQUE (call_sid)
);
CREATE INDEX ix_calls_created ON calls (created_at);
CREATE INDEX ix_calls_conversation ON calls (conversation_id);

-- Every verified webhook payload, stored raw before it is answered and processed from here.
CREATE TABLE webhook_inbox (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    source          VARCHAR(16)   NOT NULL,                  -- twilio, elevenlabs
    event_type      VARCHAR(40)   NOT NULL,                  -- status, connect, dial-result, error, post_call_transcription, ...
    dedupe_key      VARCHAR(255)  NOT NULL,
    session_id      VARCHAR(40)   NULL,
    call_sid        VARCHAR(40)   NULL,
    conversation_id VARCHAR(100)  NULL,
    request_path    VARCHAR(500)  NOT NULL,
    content_type    VARCHAR(100)  NULL,
    body            LONGTEXT      NOT NULL,
    status          VARCHAR(16)   NOT NULL,                  -- pending, processed, failed, unmatched
    attempts        INT           NOT NULL DEFAULT 0,
    last_error      VARCHAR(2000) NULL,
    received_at     DATETIME(3)   NOT NULL,
    next_attempt_at DATETIME(3)   NULL,
    processed_at    DATETIME(3)   NULL,
    CONSTRAINT uk_webhook_inbox_dedupe UNIQUE (dedupe_key)
);
CREATE INDEX ix_webhook_inbox_pending ON webhook_inbox (status, next_attempt_at);

-- What the agent's conversations produced.
CREATE TABLE bookings (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    conversation_id VARCHAR(100)  NOT NULL,
    session_id      VARCHAR(40)   NULL,
    campaign_id     BIGINT        NULL,
    contact_id      BIGINT        NULL,
    customer_id     VARCHAR(100)  NULL,
    customer_phone  VARCHAR(20)   NULL,
    booking_date    VARCHAR(40)   NULL,
    booking_time    VARCHAR(40)   NULL,
    service         VARCHAR(200)  NULL,
    details         LONGTEXT      NULL,                      -- JSON of the data-collection results
    created_at      DATETIME(3)   NOT NULL,
    CONSTRAINT uk_bookings_conversation UNIQUE (conversation_id)
);

CREATE TABLE tickets (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    conversation_id VARCHAR(100)  NOT NULL,
    session_id      VARCHAR(40)   NULL,
    campaign_id     BIGINT        NULL,
    contact_id      BIGINT        NULL,
    customer_id     VARCHAR(100)  NULL,
    customer_phone  VARCHAR(20)   NULL,
    category        VARCHAR(100)  NULL,
    priority        VARCHAR(20)   NULL,
    description     LONGTEXT      NULL,
    created_at      DATETIME(3)   NOT NULL,
    CONSTRAINT uk_tickets_conversation UNIQUE (conversation_id)
);
