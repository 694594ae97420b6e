import { readSessionCookie, sessionCookieName } from "@/lib/auth/session-cookie";
import { getConfig } from "@/lib/config/cached";
import { logger } from "@/lib/log";
import { openPostgres } from "@/lib/state/postgres";
import { PostgresRateLimiter } from "@/lib/state/postgres-rate-limiter";
import { type Allowance, type RateLimiter, SqliteRateLimiter } from "@/lib/state/rate-limiter";
import { ensurePrivateFile } from "@/lib/state/sqlite";
import { join } from "node:path";
import Database from "better-sqlite3";

/**
 * What one person may do only so often: the national services rate-limit the whole application, so one runaway
 * client (a script, a stuck key, a page reloading itself) must not use up every clinician's share.
 * Not "server-only": the proxy applies the page limits before a page is rendered, so that it can answer 429.
 */
export type AllowanceKind = "search" | "scr";

/** Set by the proxy on a refused page request: tells the too-many-requests page how long to say to wait. */
export const RETRY_AFTER_HEADER = "x-retry-after-seconds";

const holder = globalThis as typeof globalThis & { __careRecordViewerRateLimiter?: RateLimiter };

/**
 * Its own connection to the sessions database, without waiting for the disk at each commit (synchronous NORMAL,
 * in WAL mode): a crash can lose the last moment's counts, which only errs towards allowing, and a page load
 * does not wait for a flush. The sessions store's own connection keeps FULL. With DATABASE_URL, the buckets are in
 * PostgreSQL, shared by every instance.
 */
function limiter(): RateLimiter {
  const databaseUrl = getConfig().DATABASE_URL;
  if (!holder.__careRecordViewerRateLimiter && databaseUrl) {
    holder.__careRecordViewerRateLimiter = new PostgresRateLimiter(openPostgres(databaseUrl));
  }
  if (!holder.__careRecordViewerRateLimiter) {
    const path = join(getConfig().dataDir, "sessions.db");
    ensurePrivateFile(getConfig().dataDir, path);
    const database = new Database(path);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    holder.__careRecordViewerRateLimiter = new SqliteRateLimiter(database);
  }
  return holder.__careRecordViewerRateLimiter;
}

function perMinute(kind: AllowanceKind): number {
  const config = getConfig();
  switch (kind) {
    case "search":
      return config.RATE_LIMIT_SEARCHES_PER_MINUTE;
    case "scr":
      return config.RATE_LIMIT_SCR_PER_MINUTE;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** Takes one of the user's allowance; a refusal is logged with who and what, never which patient. */
export async function takeAllowance(userKey: string, kind: AllowanceKind): Promise<Allowance> {
  const allowance = await limiter().take(`${userKey}:${kind}`, perMinute(kind));
  if (!allowance.allowed) {
    logger.warn({ event: "refused", status: 429, allowance: kind, user: userKey, retryAfterSeconds: allowance.retryAfterSeconds }, "rate limit reached");
  }
  return allowance;
}

/**
 * For a page request: the user is read from the session cookie (a session begun before the cookie carried the user
 * is limited on its own). No valid cookie, no limit here: the page sends the request to sign in.
 */
export async function takeAllowanceForCookies(cookies: { get(name: string): { value: string } | undefined }, kind: AllowanceKind): Promise<Allowance> {
  const config = getConfig();
  const value = cookies.get(sessionCookieName(config.APP_BASE_URL))?.value;
  const claims = value ? await readSessionCookie(value, config.sessionSecret) : null;
  if (!claims) return { allowed: true };
  return takeAllowance(claims.uid ?? `session-${claims.sid}`, kind);
}
