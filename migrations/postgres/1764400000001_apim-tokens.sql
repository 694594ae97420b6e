-- Up Migration
-- The API platform's application access tokens, shared by every instance so that they make one token call
-- between them (the fetch itself is serialised with an advisory lock, see PostgresTokenCache).
CREATE TABLE apim_tokens (
  key TEXT PRIMARY KEY,
  access_token TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- Down Migration
DROP TABLE apim_tokens;
