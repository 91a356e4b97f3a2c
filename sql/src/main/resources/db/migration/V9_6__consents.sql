-- Consent provenance (issue 19): per number, the basis the call relies on, where and when it was given, the text (or its
-- version) the person agreed to, how it was captured, who recorded it; and its revocation, by any reasonable means.
CREATE TABLE consents (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    phone_e164         VARCHAR(20)   NOT NULL,
    customer_id        VARCHAR(100)  NULL,
    basis              VARCHAR(24)   NOT NULL,              -- express_written, express, ebr
    source             VARCHAR(200)  NOT NULL,              -- e.g. web form acme.com/signup, contract 123
    captured_at        DATETIME(3)   NOT NULL,
    text_version       VARCHAR(200)  NOT NULL,              -- the disclosure's text or its version, e.g. tcpa-2026-03
    capture_method     VARCHAR(40)   NOT NULL,              -- web_form, paper, call_recording, email, api, import
    recorded_by        VARCHAR(100)  NOT NULL,
    recorded_at        DATETIME(3)   NOT NULL,
    revoked_at         DATETIME(3)   NULL,
    revocation_source  VARCHAR(200)  NULL                   -- how the person revoked it: call, email, letter, sms STOP...
);
CREATE INDEX ix_consents_phone ON consents (phone_e164, revoked_at);
