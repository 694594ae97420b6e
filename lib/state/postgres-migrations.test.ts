import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freshPostgresDatabase, postgresUrlFor } from "@/tests/store-backends";
import { migratePostgres, POSTGRES_MIGRATIONS_DIR, preparePostgres } from "./postgres-migrations";

async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `empty_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: postgresUrlFor("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return postgresUrlFor(name);
}

describe("PostgreSQL at start-up (issue 17)", () => {
  it("migrates an empty database; two instances migrating at once: one waits, and the tables are made once", async () => {
    const url = await emptyDatabase();
    await Promise.all([preparePostgres(url), preparePostgres(url)]);
    expect(await tablesOf(url)).toEqual(["apim_tokens", "audit_chain_head", "audit_log", "pgmigrations", "rate_limits", "sessions"]);
  });

  it("runs a migration already run as a no-op", async () => {
    const url = await freshPostgresDatabase();
    await migratePostgres(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query("SELECT count(*)::int AS runs FROM pgmigrations")).rows[0]).toEqual({ runs: readdirSync(POSTGRES_MIGRATIONS_DIR).length });
    await client.end();
  });

  it("stops start-up naming DATABASE_URL and where it points, never its password, when the database cannot be reached", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const attempt = preparePostgres(`postgres://app:hunter22secret@127.0.0.1:${closedPort}/crv`);
    await expect(attempt).rejects.toThrow(new RegExp(`^DATABASE_URL: PostgreSQL at 127\\.0\\.0\\.1:${closedPort}/crv cannot be reached`));
    await expect(attempt).rejects.not.toThrow(/hunter22secret/);
  });

  it("stops start-up when the database does not exist", async () => {
    await expect(preparePostgres(postgresUrlFor("no_such_database"))).rejects.toThrow(/^DATABASE_URL: .*no_such_database.*does not exist/);
  });
});
