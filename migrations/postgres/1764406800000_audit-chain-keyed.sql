-- Up Migration
-- The audit chain becomes keyed: each new row carries the id of the key that signed it and its HMAC-SHA256. Rows
-- written before this have neither and stay as they are: the legacy start of the chain, hash-chained only, which
-- audit:verify counts and reports; an unkeyed row after a keyed one fails verification. NOT VALID: the rows already
-- there have neither (so would pass), and a long trail is not scanned under the table lock at start-up.
ALTER TABLE audit_log ADD COLUMN key_id TEXT, ADD COLUMN mac TEXT;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_signed_whole CHECK ((key_id IS NULL) = (mac IS NULL)) NOT VALID;

-- Down Migration
ALTER TABLE audit_log DROP CONSTRAINT audit_log_signed_whole;
ALTER TABLE audit_log DROP COLUMN mac, DROP COLUMN key_id;
