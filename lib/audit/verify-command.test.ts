import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { STORE_BACKENDS } from "@/tests/store-backends";

async function run(argument: string | null, env: Record<string, string> = {}): Promise<{ status: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify-audit.mts", ...(argument ? [argument] : [])], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    return { status: 0, output: stdout };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { status: failure.code, output: failure.stderr };
  }
}

describe.each(STORE_BACKENDS)("npm run audit:verify on $name", (backend) => {
  it("passes an intact trail and fails, naming the entry, after a row is altered", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    const entry = (patientNhsNumber: string) =>
      trail.record({
        occurredAt: new Date().toISOString(),
        userId: "656005750104",
        userName: "Priya Raman",
        roleId: "656014452101",
        roleName: "Clinical Practitioner Access Role",
        orgCode: "Y12345",
        action: "scr-view",
        patientNhsNumber,
        basisOfAccess: "emergency-access",
        reason: "Patient is unconscious or unable to give permission",
        upstreamRequestId: null,
        outcome: "data-returned",
      });
    await entry("9000000009");
    const second = await entry("9693632109");
    await entry("9000000025");

    // PostgreSQL is found through DATABASE_URL, as on a deployed instance; a SQLite file is named on the command line
    const verify = () => (backend.name === "PostgreSQL" ? run(null, { DATABASE_URL: database.location }) : run(database.location));
    const intact = await verify();
    expect(intact.status).toBe(0);
    expect(intact.output).toContain("Audit trail intact: 3 entries");

    await database.exec("DROP TRIGGER audit_log_no_update" + (backend.name === "PostgreSQL" ? " ON audit_log" : ""));
    await database.exec(`UPDATE audit_log SET basis_of_access = 'patient-permission' WHERE id = ${second.id}`);
    const broken = await verify();
    expect(broken.status).toBe(1);
    expect(broken.output).toContain(`Audit trail BROKEN at entry ${second.id}`);
  });
});
