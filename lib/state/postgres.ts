import pg from "pg";

const holder = globalThis as typeof globalThis & { __careRecordViewerPostgresPools?: Map<string, pg.Pool> };
// on globalThis: Next can load this module more than once in a process (the proxy, route handlers, pages)
const pools = (holder.__careRecordViewerPostgresPools ??= new Map<string, pg.Pool>());

/** One pool per database per process; idle connections are closed, and a restarted database is reconnected to. */
export function openPostgres(databaseUrl: string): pg.Pool {
  const existing = pools.get(databaseUrl);
  if (existing) return existing;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    // an audit row must be on disk before the data it records is shown, even where the server's default is off
    options: "-c synchronous_commit=on",
  });
  // an idle connection the server dropped (a restart, a failover) must not crash the process; the pool replaces it
  pool.on("error", () => undefined);
  pools.set(databaseUrl, pool);
  return pool;
}

export async function closeAllPostgres() {
  const open = [...pools.values()];
  pools.clear();
  await Promise.allSettled(open.map((pool) => pool.end()));
}

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Where a database URL points, without its password: for messages. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.hostname || url.searchParams.get("host") || "the local socket";
  return `${host}${url.port ? `:${url.port}` : ""}${url.pathname || "/"}`;
}
