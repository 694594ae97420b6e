import type Database from "better-sqlite3";

export type Allowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts requests per key (a user and what they are doing) as a token bucket: up to `perMinute` at once, refilled
 * evenly over a minute. Shared state: every instance that uses the same store shares each key's bucket.
 */
export interface RateLimiter {
  take(key: string, perMinute: number, now?: number): Promise<Allowance>;
}

interface BucketRow {
  tokens: number;
  updated_at: number;
}

/** The embedded store: one row per key in the sessions database, updated in one immediate transaction. */
export class SqliteRateLimiter implements RateLimiter {
  private readonly takeOne: (key: string, perMinute: number, now: number) => Allowance;

  constructor(database: Database.Database) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS rate_limits (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
    const read = database.prepare("SELECT tokens, updated_at FROM rate_limits WHERE key = ?");
    const write = database.prepare(
      "INSERT INTO rate_limits (key, tokens, updated_at) VALUES (@key, @tokens, @now) ON CONFLICT (key) DO UPDATE SET tokens = @tokens, updated_at = @now",
    );
    this.takeOne = database.transaction((key: string, perMinute: number, now: number): Allowance => {
      const row = read.get(key) as BucketRow | undefined;
      const perMillisecond = perMinute / 60_000;
      const elapsed = row ? Math.max(0, now - row.updated_at) : 0;
      const available = row ? Math.min(perMinute, row.tokens + elapsed * perMillisecond) : perMinute;
      if (available >= 1) {
        write.run({ key, tokens: available - 1, now });
        return { allowed: true };
      }
      write.run({ key, tokens: available, now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - available) / perMillisecond / 1000)) };
    }).immediate as (key: string, perMinute: number, now: number) => Allowance;
  }

  async take(key: string, perMinute: number, now = Date.now()): Promise<Allowance> {
    return this.takeOne(key, perMinute, now);
  }
}
