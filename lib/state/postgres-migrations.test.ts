import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PostgresAuditTrail } from "@/lib/audit/postgres-audit-trail";
import { TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import { freshPostgresDatabase, poolFor, postgresUrlFor } from "@/tests/store-backends";
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
  it("keeps an audit trail written before the chain was keyed: its rows, hashed by the database as they were, verify as the legacy start", async () => {
    const url = await emptyDatabase();
    const before = mkdtempSync(join(tmpdir(), "migrations-before-keyed-"));
    for (const file of readdirSync(POSTGRES_MIGRATIONS_DIR).filter((name) => name < "1764406800000"))
      copyFileSync(join(POSTGRES_MIGRATIONS_DIR, file), join(before, file));
    await migratePostgres(url, before);
    const pool = poolFor(url);
    // the append as it was before the chain was keyed: the database hashed the canonical text after the previous hash
    for (const patient of ["9000000009", "9000000025"]) {
      await pool.query(
        `WITH head AS (SELECT last_id, last_hash FROM audit_chain_head FOR UPDATE), appended AS (
          INSERT INTO audit_log (id, occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number,
            basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash)
          SELECT head.last_id + 1, $1, 'u', 'Priya Raman', 'r', 'Clinical Practitioner Access Role', 'Y12345', 'patient-record-view', $2::text,
            NULL, NULL, NULL, 'data-returned', head.last_hash,
            encode(sha256(convert_to('["' || head.last_hash || '",' || $3, 'UTF8')), 'hex')
          FROM head RETURNING id, hash
        ) UPDATE audit_chain_head SET last_id = appended.id, last_hash = appended.hash FROM appended`,
        [
          "2026-11-01T09:00:00.000Z",
          patient,
          JSON.stringify([
            "2026-11-01T09:00:00.000Z",
            "u",
            "Priya Raman",
            "r",
            "Clinical Practitioner Access Role",
            "Y12345",
            "patient-record-view",
            patient,
            null,
            null,
            null,
            "data-returned",
          ]).slice(1),
        ],
      );
    }
    await migratePostgres(url);
    const trail = new PostgresAuditTrail(pool, TEST_AUDIT_KEYS);
    await trail.record({
      occurredAt: "2026-11-29T09:00:00.000Z",
      userId: "u",
      userName: "Priya Raman",
      roleId: "r",
      roleName: "Clinical Practitioner Access Role",
      orgCode: "Y12345",
      action: "patient-record-view",
      patientNhsNumber: "9000000033",
      basisOfAccess: null,
      reason: null,
      upstreamRequestId: null,
      outcome: "data-returned",
    });
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 3, legacyEntries: 2, head: { entries: 3, keyId: "test-2026-11" } });
  });

  it("migrates an empty database; two instances migrating at once: one waits, and the tables are made once", async () => {
    const url = await emptyDatabase();
    await Promise.all([preparePostgres(url), preparePostgres(url)]);
    expect(await tablesOf(url)).toEqual([
      "apim_tokens",
      "audit_chain_head",
      "audit_log",
      "gp_summaries",
      "leases",
      "mesh_inbox_processed",
      "pgmigrations",
      "rate_limits",
      "sessions",
    ]);
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
