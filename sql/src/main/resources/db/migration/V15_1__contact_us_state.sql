-- The recipient's US state as the list gives it (issue 19): the state rules apply by it, over the number's area code,
-- since a person keeps their number when they move. USPS code (FL); NULL when the list has no state column.
ALTER TABLE contacts ADD COLUMN us_state CHAR(2) NULL;
