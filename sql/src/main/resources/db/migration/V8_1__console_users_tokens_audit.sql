-- The console's and API's users, their API tokens, and the audit log of who did what.

-- A person who signs in to the console. password_hash is a Spring Security DelegatingPasswordEncoder
-- value ({bcrypt}$2a$...), so the algorithm can change without a migration. After repeated failed
-- sign-ins the account is locked until locked_until.
CREATE TABLE console_users (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(100)  NOT NULL,
    password_hash VARCHAR(200)  NOT NULL,
    role          VARCHAR(20)   NOT NULL,                    -- admin, campaign_manager, compliance
    failed_logins INT           NOT NULL DEFAULT 0,
    locked_until  DATETIME(3)   NULL,
    created_at    DATETIME(3)   NOT NULL,
    CONSTRAINT uk_console_users_username UNIQUE (username)
);

-- Bearer tokens of other systems, acting as a user. Only the SHA-256 of the token is kept: the token
-- itself (256 random bits) is shown once, when it is made.
CREATE TABLE api_tokens (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT        NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    token_sha256 CHAR(64)      NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    last_used_at DATETIME(3)   NULL,
    revoked_at   DATETIME(3)   NULL,
    CONSTRAINT uk_api_tokens_hash UNIQUE (token_sha256),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES console_users (id)
);

-- Who created, changed, started, paused, cancelled, imported, exported or erased what, and when.
CREATE TABLE audit_log (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    at         DATETIME(3)   NOT NULL,
    username   VARCHAR(100)  NOT NULL,
    action     VARCHAR(40)   NOT NULL,                       -- e.g. campaign.start, import.upload, report.export
    target     VARCHAR(200)  NOT NULL,                       -- e.g. campaign 7 "Spring renewals"
    detail     VARCHAR(2000) NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
