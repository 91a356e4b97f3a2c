-- Abandonment safe harbour (issue 19): per campaign, an optional identification message with an opt-out, said when the
-- agent's leg does not connect (16 CFR 310.4(b)(4)(iii); 47 CFR 64.1200(a)(7)(i)); and on the attempt, what was said.
ALTER TABLE campaign_policies ADD COLUMN identification_message VARCHAR(500) NULL;
ALTER TABLE call_attempts ADD COLUMN identification_message VARCHAR(500) NULL;
