-- Up Migration
-- Consultation summaries sent to the patient's GP over MESH (GP Connect Send Document), their state as
-- acknowledgements and error reports arrive, the inbox messages already processed (so a restarted poller never
-- applies one twice), and named leases (so one instance at a time polls the mailbox). The summary's content
-- (consultation, PDF, message) is sealed by the app with the session keys.
CREATE TABLE gp_summaries (
  id TEXT PRIMARY KEY,
  nhs_number TEXT NOT NULL,
  org_code TEXT NOT NULL,
  author TEXT NOT NULL,
  state TEXT NOT NULL,
  message_header_id TEXT NOT NULL UNIQUE,
  mesh_message_id TEXT UNIQUE,
  failure_code TEXT,
  failure_detail TEXT,
  corrects TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  sent_at BIGINT,
  sending_since BIGINT,
  content TEXT
);
CREATE INDEX gp_summaries_by_patient ON gp_summaries (nhs_number, created_at);

CREATE TABLE mesh_inbox_processed (
  message_id TEXT PRIMARY KEY,
  processed_at BIGINT NOT NULL
);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- Down Migration
DROP TABLE leases;
DROP TABLE mesh_inbox_processed;
DROP TABLE gp_summaries;
