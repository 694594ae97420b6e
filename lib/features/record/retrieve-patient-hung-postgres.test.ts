import { afterAll, describe, expect, it, vi } from "vitest";
import { PostgresAuditTrail } from "@/lib/audit/postgres-audit-trail";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { openPostgres } from "@/lib/state/postgres";
import { migratePostgres } from "@/lib/state/postgres-migrations";
import type { ServerSession } from "@/lib/state/session-store";
import { TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import { startThrowawayPostgres } from "@/tests/throwaway-postgres";

// a cluster of its own: stopping the run's shared one would stall every other test using it
const cluster = await startThrowawayPostgres();
afterAll(() => cluster.stop());
await migratePostgres(cluster.url);
// the app's pool (lib/state/postgres.ts), with short timeouts so the test need not wait the defaults out
const pool = openPostgres(cluster.url, { connectMs: 1_000, statementMs: 1_000 });
afterAll(() => pool.end());
const audit = new PostgresAuditTrail(pool, TEST_AUDIT_KEYS);
const pds = { calls: 0 };
vi.mock("@/lib/server/services", () => ({
  services: () => ({
    pds: {
      retrievePatient: async () => {
        pds.calls += 1;
        return { kind: "found", patient: { nhsNumber: "9000000009" }, requestId: `r-${pds.calls}`, retrievedAt: new Date() };
      },
    },
    audit,
  }),
}));

const { retrievePatientAudited } = await import("./retrieve-patient");

const session = { id: "s", user: { uid: "656005750104", name: "Priya Raman" } } as ServerSession;
const role = { personRoleId: "656014452101", roleName: "Clinical Practitioner Access Role", orgCode: "Y12345" } as Cis2Role;
const read = () => retrievePatientAudited(session, role, "9000000009", "patient-record-view");

describe("an audited patient read when PostgreSQL hangs rather than refuses (issue 17)", () => {
  it("fails at the client's timeouts with no patient data, on a pooled connection and on a new one, and the pool recovers once the database runs again", async () => {
    expect((await read()).kind).toBe("found");

    cluster.pause();
    try {
      // the pool's warm connection: the INSERT goes out and no answer comes; the read fails, and the connection is dropped
      await expect(read()).rejects.toThrow("Query read timeout");
      // no connection left: a new one gets no answer to its start-up either
      await expect(read()).rejects.toThrow(/timeout/i);
    } finally {
      cluster.resume();
    }

    // the same pool, without a restart
    expect((await read()).kind).toBe("found");
    // an INSERT sent before the pause may still have been committed once the server ran again: the trail can hold a
    // read that was never shown, never the reverse
    const verified = await audit.verifyChain();
    expect(verified).toMatchObject({ intact: true });
    expect(verified.intact && verified.entries).toBeGreaterThanOrEqual(2);
  });
});
