-- State frequency caps (issue 19) count the calls to a number in the last 24 hours across every campaign and the API.
CREATE INDEX ix_call_attempts_phone_decided ON call_attempts (phone_e164, decided_at);
