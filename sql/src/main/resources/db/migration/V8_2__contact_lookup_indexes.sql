-- The console and the API find a contact by number or by customer id across every campaign
-- (ContactHistoryRepository); the unique key starts with campaign_id, so without these each search read the table.
CREATE INDEX ix_contacts_phone ON contacts (phone_e164);
CREATE INDEX ix_contacts_customer ON contacts (customer_id);
