import pg from "pg";
import { outsideRequest } from "@/lib/nhs/transport/outside-request";

const holder = globalThis as typeof globalThis & { __careRecordViewerPostgresPools?: Map<string, pg.Pool> };
// on globalThis: Next can load this module more than once in a process (the proxy, route handlers, pages)
const pools = (holder.__careRecordViewerPostgresPools ??= new Map<string, pg.Pool>());

export interface PostgresTimeouts {
  /** How long to wait for a connection (a new one, or one of the pool's to come free). */
  connectMs: number;
  /** The longest one statement may run, on the server; the client gives up a little after, if no answer comes at all. */
  statementMs: number;
}

/** The defaults DATABASE_CONNECT_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS have. */
export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 5_000, statementMs: 10_000 };

export function postgresTimeouts(settings: { DATABASE_CONNECT_TIMEOUT_MS: number; DATABASE_STATEMENT_TIMEOUT_MS: number }): PostgresTimeouts {
  return { connectMs: settings.DATABASE_CONNECT_TIMEOUT_MS, statementMs: settings.DATABASE_STATEMENT_TIMEOUT_MS };
}

/** What the client waits beyond the server's statement timeout before deciding the server is not answering at all. */
const CLIENT_GRACE_MS = 2_000;

/**
 * One pool per database per process (the first caller's timeouts hold); idle connections are closed, and a
 * restarted database is reconnected to. A database that hangs rather than refuses (a stalled host, a full disk, a
 * network that drops packets) fails a request within the timeouts instead of holding it, and its connection with it,
 * for ever: the server cancels a statement that runs too long, and the client gives up on one that gets no answer
 * (pool.query then discards that connection, so the pool recovers with new ones once the database is back).
 */
export function openPostgres(databaseUrl: string, timeouts: PostgresTimeouts = DEFAULT_POSTGRES_TIMEOUTS): pg.Pool {
  const existing = pools.get(databaseUrl);
  if (existing) return existing;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
    // an audit row must be on disk before the data it records is shown, even where the server's default is off
    options: "-c synchronous_commit=on",
  });
  // an idle connection the server dropped (a restart, a failover) must not crash the process; the pool replaces it
  pool.on("error", () => undefined);
  runPoolOutsideRequests(pool);
  pools.set(databaseUrl, pool);
  return pool;
}

/**
 * A pooled connection is opened by whichever page first needs one, then serves other pages for as long as it
 * lives; its socket, the timers made with it and the first caller's callbacks, which pg keeps, hold the async
 * context they were made in, and with it that page's whole state. So the pool's work runs in the server's start
 * context, as the NHS API calls do (H14); the page still resumes in its own context when it awaits. `newClient`
 * is pg-pool's one place that opens a connection (also reached from a release, for a caller that waits).
 */
function runPoolOutsideRequests(pool: pg.Pool) {
  const methods = pool as unknown as Record<"connect" | "query" | "newClient", (...args: unknown[]) => unknown>;
  for (const name of ["connect", "query", "newClient"] as const) {
    const original = methods[name].bind(pool);
    methods[name] = (...args) => outsideRequest(() => original(...args));
  }
}

/** Ends every pool once its connections in use are given back, and resolves when each connection has closed. */
export async function closeAllPostgres() {
  const open = [...pools.values()];
  pools.clear();
  await Promise.allSettled(open.map(endPool));
}

/** pool.end() resolves as soon as it has asked each connection to end; this waits until they have. */
async function endPool(pool: pg.Pool) {
  const connections = pool.totalCount;
  let closed = 0;
  const allClosed = new Promise<void>((resolve) => {
    if (connections === 0) resolve();
    pool.on("remove", () => {
      closed += 1;
      if (closed >= connections) resolve();
    });
  });
  await pool.end();
  await allClosed;
}

/** pg's error when query_timeout passes without an answer. */
const QUERY_READ_TIMEOUT = "Query read timeout";

/** The pool's idle timer starts at a release: made in the page's context, it would hold the page while it waits. */
function giveBack(client: pg.PoolClient, discard = false) {
  outsideRequest(() => client.release(discard));
}

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query("BEGIN");
    result = await work(client);
    await client.query("COMMIT");
  } catch (error) {
    // a statement that got no answer leaves the connection waiting on it: discarded (the server rolls back when it
    // goes), not handed to the next caller; so is one that cannot roll back
    const unanswered = error instanceof Error && error.message === QUERY_READ_TIMEOUT;
    const rolledBack =
      !unanswered &&
      (await client.query("ROLLBACK").then(
        () => true,
        () => false,
      ));
    giveBack(client, !rolledBack);
    throw error;
  }
  giveBack(client);
  return result;
}

/** Where a database URL points, without its password: for messages. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.hostname || url.searchParams.get("host") || "the local socket";
  return `${host}${url.port ? `:${url.port}` : ""}${url.pathname || "/"}`;
}
