import type pg from "pg";
import type { CachedToken, TokenCache } from "@/lib/nhs/transport/apim-auth";
import { inTransaction } from "./postgres";
import { type Sealer, UnreadableSeal } from "./sealing";

/** What a sealed token is bound to: its row, and that it is a token (not a session sealed with the same keys). */
const additionalData = (key: string) => `apim-token:${key}`;

/** The first key of the two-key advisory locks this cache takes; the second is the token's key, hashed. */
const TOKEN_LOCK_CLASS = 17_001;

/**
 * Application access tokens in PostgreSQL, shared by every instance. `exclusively` holds a transaction-scoped
 * advisory lock for the key while the token is fetched, so N instances make one token call between them; the
 * lock goes with the transaction, and with the connection if the instance holding it dies.
 *
 * The token is sealed at rest with the session store's keys (a platform token reads every patient's record), bound
 * to its key; one that does not open (a rotated-out key, a row tampered with) is no token, so a new one is fetched.
 */
export class PostgresTokenCache implements TokenCache {
  constructor(
    private readonly pool: pg.Pool,
    private readonly sealer: Sealer,
    /** How long an instance waits for another's token call before giving up: longer than a token call may take. */
    private readonly lockWaitMilliseconds = 30_000,
  ) {}

  async get(key: string): Promise<CachedToken | null> {
    const { rows } = await this.pool.query<{ access_token: string; expires_at: string }>("SELECT access_token, expires_at FROM apim_tokens WHERE key = $1", [
      key,
    ]);
    const row = rows[0];
    if (!row) return null;
    try {
      return { accessToken: this.sealer.open(row.access_token, additionalData(key)), expiresAt: Number(row.expires_at) };
    } catch (error) {
      if (error instanceof UnreadableSeal) return null;
      throw error;
    }
  }

  async set(key: string, token: CachedToken) {
    await this.pool.query(
      "INSERT INTO apim_tokens (key, access_token, expires_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET access_token = $2, expires_at = $3",
      [key, this.sealer.seal(token.accessToken, additionalData(key)), token.expiresAt],
    );
  }

  async delete(key: string) {
    await this.pool.query("DELETE FROM apim_tokens WHERE key = $1", [key]);
  }

  exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const wait = Math.round(this.lockWaitMilliseconds);
      // waiting for another instance's token call is expected to take longer than any ordinary statement may
      await client.query(`SET LOCAL lock_timeout = ${wait}; SET LOCAL statement_timeout = ${wait + 1_000}`);
      // pg reads a per-query query_timeout (its client-side wait) that its types do not declare
      const lock = { text: "SELECT pg_advisory_xact_lock($1, hashtext($2))", values: [TOKEN_LOCK_CLASS, key], query_timeout: wait + 3_000 };
      await client.query(lock as pg.QueryConfig);
      return work();
    });
  }
}
