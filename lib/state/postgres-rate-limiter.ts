import type pg from "pg";
import { inTransaction } from "./postgres";
import type { Allowance, RateLimiter } from "./rate-limiter";

/** The same token bucket as SqliteRateLimiter, one row per key, shared by every instance on the database. */
export class PostgresRateLimiter implements RateLimiter {
  constructor(private readonly pool: pg.Pool) {}

  async take(key: string, perMinute: number, now = Date.now()): Promise<Allowance> {
    return inTransaction(this.pool, async (client) => {
      // a new key starts full; inserting first gives two instances' first requests one row to lock and queue on
      await client.query("INSERT INTO rate_limits (key, tokens, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING", [key, perMinute, now]);
      const { rows } = await client.query<{ tokens: number; updated_at: string }>("SELECT tokens, updated_at FROM rate_limits WHERE key = $1 FOR UPDATE", [
        key,
      ]);
      const row = rows[0]!;
      const perMillisecond = perMinute / 60_000;
      const elapsed = Math.max(0, now - Number(row.updated_at));
      const available = Math.min(perMinute, row.tokens + elapsed * perMillisecond);
      const allowed = available >= 1;
      await client.query("UPDATE rate_limits SET tokens = $2, updated_at = $3 WHERE key = $1", [key, allowed ? available - 1 : available, now]);
      return allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - available) / perMillisecond / 1000)) };
    });
  }
}
