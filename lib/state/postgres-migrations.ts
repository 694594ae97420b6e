import { resolve } from "node:path";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { describeDatabase } from "./postgres";

export const POSTGRES_MIGRATIONS_DIR = resolve(process.cwd(), "migrations/postgres");

/**
 * Brings the database's tables up to date (node-pg-migrate, with the SQL files in migrations/postgres). A migration
 * already run is skipped; instances starting together take node-pg-migrate's advisory lock in turn, so one
 * migrates and the others wait, then find nothing left to do.
 */
export async function migratePostgres(databaseUrl: string, migrationsDir = POSTGRES_MIGRATIONS_DIR): Promise<void> {
  await runner({
    databaseUrl,
    dir: migrationsDir,
    migrationsTable: "pgmigrations",
    direction: "up",
    count: Number.POSITIVE_INFINITY,
    checkOrder: true,
    advisoryLockMode: "wait",
    log: () => undefined,
  });
}

/**
 * At start-up: the database must answer and its tables be migrated, or the app does not start. Throws an Error
 * whose message names DATABASE_URL and where it points, never its password.
 */
export async function preparePostgres(databaseUrl: string): Promise<void> {
  const where = describeDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(`DATABASE_URL: PostgreSQL at ${where} cannot be reached or refused the connection (${reason(error)})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    await migratePostgres(databaseUrl);
  } catch (error) {
    throw new Error(`DATABASE_URL: PostgreSQL at ${where} could not be migrated (${reason(error)})`);
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(reason).join("; ");
  if (error instanceof Error)
    return (error as Error & { code?: string }).code ? `${(error as Error & { code?: string }).code}: ${error.message}` : error.message;
  return String(error);
}
