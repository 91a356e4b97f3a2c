-- Do-not-call management (issue 19): who put a number on a list, what happened to entries taken off again, and
-- the per-campaign compliance policies that do not fit the campaigns row (opt-out scope, per-outcome retries,
-- voicemail). A campaign without a policy row follows the defaults the application states.

-- Who added the entry (an operator's name, "receiver" for an opt-out said in a call, "import" for a file).
ALTER TABLE dnc_numbers ADD COLUMN added_by VARCHAR(100) NULL;
CREATE INDEX ix_dnc_numbers_scope_added ON dnc_numbers (scope, added_at);

-- An entry taken off a list is moved here with who removed it and why: the list's history is never lost.
CREATE TABLE dnc_removals (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    phone_e164      VARCHAR(20)   NOT NULL,
    scope           VARCHAR(40)   NOT NULL,
    source          VARCHAR(40)   NOT NULL,
    reason          VARCHAR(500)  NULL,
    session_id      VARCHAR(40)   NULL,
    added_by        VARCHAR(100)  NULL,
    added_at        DATETIME(3)   NOT NULL,
    removed_by      VARCHAR(100)  NOT NULL,
    removal_reason  VARCHAR(500)  NOT NULL,
    removed_at      DATETIME(3)   NOT NULL
);
CREATE INDEX ix_dnc_removals_phone ON dnc_removals (phone_e164, removed_at);

CREATE TABLE campaign_policies (
    campaign_id        BIGINT        NOT NULL PRIMARY KEY,
    opt_out_scope      VARCHAR(20)   NOT NULL,               -- system, system+campaign
    retry_rules        VARCHAR(500)  NULL,                   -- busy=3:30,120;no-answer=...; NULL: the campaign's backoff
    voicemail_policy   VARCHAR(16)   NOT NULL,               -- hangup, message, agent
    voicemail_message  VARCHAR(2000) NULL,                   -- <Say> text with {{variables}}
    updated_at         DATETIME(3)   NOT NULL
);
