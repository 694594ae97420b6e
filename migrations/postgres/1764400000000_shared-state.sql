-- Up Migration
-- The shared state of every instance: the same tables and rules as the embedded SQLite stores.

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  updated_at BIGINT NOT NULL
);

-- occurred_at stays the ISO text that was hashed, so the chain verifies byte for byte on either store
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  occurred_at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role_id TEXT NOT NULL,
  role_name TEXT NOT NULL,
  org_code TEXT NOT NULL,
  action TEXT NOT NULL,
  patient_nhs_number TEXT,
  basis_of_access TEXT,
  reason TEXT,
  upstream_request_id TEXT,
  outcome TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_nhs_number);
CREATE INDEX audit_log_user ON audit_log (user_id);
CREATE INDEX audit_log_org ON audit_log (org_code, id);

-- The chain's head: one row, locked by each writer for the length of its transaction, so instances append one
-- at a time, each to the hash before it, and ids follow on without gaps.
CREATE TABLE audit_chain_head (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (last_id, last_hash) VALUES (0, repeat('0', 64));

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Down Migration
DROP TABLE audit_log;
DROP TABLE audit_chain_head;
DROP FUNCTION audit_log_append_only();
DROP TABLE rate_limits;
DROP TABLE sessions;
