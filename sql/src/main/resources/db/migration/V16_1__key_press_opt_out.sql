-- Abandonment safe harbour (issue 19): the identification message offers an automated, key press-activated opt-out
-- (47 CFR 64.1200(a)(7)(i)(A), (b)(2)); when the person pressed the key, when that reached us.
ALTER TABLE call_attempts ADD COLUMN key_press_opt_out_at DATETIME(3) NULL;
