import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { PostgresAuditTrail } from "@/lib/audit/postgres-audit-trail";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { ServerSession } from "@/lib/state/session-store";
import { TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import { freshPostgresDatabase, poolFor, postgresUrlFor } from "@/tests/store-backends";

const url = await freshPostgresDatabase();
const database = new URL(url).pathname.slice(1);
const audit = new PostgresAuditTrail(poolFor(url), TEST_AUDIT_KEYS);
vi.mock("@/lib/server/services", () => ({
  services: () => ({
    pds: {
      retrievePatient: async () => ({ kind: "found", patient: { nhsNumber: "9000000009" }, requestId: "r-1", retrievedAt: new Date() }),
    },
    audit,
  }),
}));

const { retrievePatientAudited } = await import("./retrieve-patient");

const session = { id: "s", user: { uid: "656005750104", name: "Priya Raman" } } as ServerSession;
const role = { personRoleId: "656014452101", roleName: "Clinical Practitioner Access Role", orgCode: "Y12345" } as Cis2Role;

/** As the database's administrator: refuse new connections to the app's database and end those it has, or allow them again. */
async function databaseAvailable(available: boolean) {
  const admin = new pg.Client({ connectionString: postgresUrlFor("postgres") });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${available}`);
    if (!available) await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [database]);
  } finally {
    await admin.end();
  }
}

describe("an audited patient read when PostgreSQL goes down (issue 17)", () => {
  it("returns no patient data while the audit row cannot be written, and carries on once the database is back, on the same pool", async () => {
    expect((await retrievePatientAudited(session, role, "9000000009", "patient-record-view")).kind).toBe("found");

    await databaseAvailable(false);
    // the error stops the page, which shows the error page with its reference and no patient data (app/error.tsx)
    await expect(retrievePatientAudited(session, role, "9000000009", "patient-record-view")).rejects.toThrow();

    await databaseAvailable(true);
    expect((await retrievePatientAudited(session, role, "9000000009", "patient-record-view")).kind).toBe("found");
    expect(await audit.verifyChain()).toMatchObject({ intact: true, entries: 2 });
  });
});
