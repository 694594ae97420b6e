/**
 * The stores' suites run on both back ends: the embedded SQLite and PostgreSQL (the run's throwaway cluster, one
 * fresh database per call, copied from the migrated template). "Another instance" is a second connection, or pool,
 * to the same database.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, inject } from "vitest";
import type { AuditChainKeyring } from "@/lib/audit/audit-row";
import type { AuditTrail } from "@/lib/audit/audit-trail";
import { PostgresAuditTrail } from "@/lib/audit/postgres-audit-trail";
import { SqliteAuditTrail } from "@/lib/audit/sqlite-audit-trail";
import { type GpSummaryStore, SqliteGpSummaryStore } from "@/lib/state/gp-summary-store";
import { PostgresGpSummaryStore } from "@/lib/state/postgres-gp-summary-store";
import { PostgresRateLimiter } from "@/lib/state/postgres-rate-limiter";
import { Sealer } from "@/lib/state/sealing";
import { PostgresSessionStore } from "@/lib/state/postgres-session-store";
import { type RateLimiter, SqliteRateLimiter } from "@/lib/state/rate-limiter";
import type { SessionStore } from "@/lib/state/session-store";
import { SqliteSessionStore } from "@/lib/state/sqlite-session-store";
import { TEST_AUDIT_KEYS } from "./audit-keys";
import { MIGRATED_TEMPLATE } from "./postgres-global-setup";

/** One empty store database; each call of a store method is another instance's connection to it. */
export interface StoreDatabase {
  sessions(): SessionStore;
  /** The audit trail, signing with the test key unless given others (a rotation, a forger's key). */
  audit(keys?: AuditChainKeyring): AuditTrail;
  rateLimiter(): RateLimiter;
  /** Summaries sent to the GP over MESH, the inbox's bookkeeping and leases (sealed with a test key). */
  gpSummaries(): GpSummaryStore;
  /** Runs SQL directly, as someone with access to the database would (to tamper with it, in tests). */
  exec(sql: string): Promise<void>;
  /** A URL for the PostgreSQL database; a file path for SQLite. */
  location: string;
}

export interface StoreBackend {
  name: "SQLite" | "PostgreSQL";
  fresh(): Promise<StoreDatabase>;
}

const openPools: pg.Pool[] = [];
const TEST_SEALER = new Sealer([{ kid: "test", key: Buffer.alloc(32, 7) }]);
afterAll(async () => {
  await Promise.all(openPools.splice(0).map((pool) => pool.end()));
});

export function postgresUrlFor(database: string): string {
  const url = new URL(inject("postgresUrl"));
  url.pathname = `/${database}`;
  return url.toString();
}

export async function freshPostgresDatabase(): Promise<string> {
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: inject("postgresUrl") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${MIGRATED_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  return postgresUrlFor(name);
}

export function poolFor(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // as openPostgres does: an idle connection the server ended is replaced, not an uncaught error
  pool.on("error", () => undefined);
  openPools.push(pool);
  return pool;
}

const sqlite: StoreBackend = {
  name: "SQLite",
  async fresh() {
    const path = join(mkdtempSync(join(tmpdir(), "stores-")), "store.db");
    const open = () => {
      const database = new Database(path);
      database.pragma("journal_mode = WAL");
      database.pragma("busy_timeout = 5000");
      return database;
    };
    return {
      location: path,
      sessions: () => new SqliteSessionStore(open()),
      audit: (keys = TEST_AUDIT_KEYS) => new SqliteAuditTrail(open(), keys),
      rateLimiter: () => new SqliteRateLimiter(open()),
      gpSummaries: () => new SqliteGpSummaryStore(open(), TEST_SEALER),
      exec: async (sql) => {
        open().exec(sql);
      },
    };
  },
};

const postgres: StoreBackend = {
  name: "PostgreSQL",
  async fresh() {
    const url = await freshPostgresDatabase();
    return {
      location: url,
      sessions: () => new PostgresSessionStore(poolFor(url)),
      audit: (keys = TEST_AUDIT_KEYS) => new PostgresAuditTrail(poolFor(url), keys),
      rateLimiter: () => new PostgresRateLimiter(poolFor(url)),
      gpSummaries: () => new PostgresGpSummaryStore(poolFor(url), TEST_SEALER),
      exec: async (sql) => {
        await poolFor(url).query(sql);
      },
    };
  },
};

export const STORE_BACKENDS: readonly StoreBackend[] = [sqlite, postgres];
