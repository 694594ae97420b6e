import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteAuditTrail } from "./sqlite-audit-trail";

function run(path: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, ["--import", "tsx", "scripts/verify-audit.mts", path], { encoding: "utf8", stdio: "pipe" });
    return { status: 0, output };
  } catch (error) {
    const failure = error as { status: number; stderr: string };
    return { status: failure.status, output: failure.stderr };
  }
}

describe("npm run audit:verify", () => {
  it("passes an intact trail and fails, naming the entry, after a row is altered", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "audit-")), "audit.db");
    const database = new Database(path);
    const trail = new SqliteAuditTrail(database);
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
    database.close();

    const intact = run(path);
    expect(intact.status).toBe(0);
    expect(intact.output).toContain("Audit trail intact: 3 entries");

    const tamper = new Database(path);
    tamper.exec("DROP TRIGGER audit_log_no_update");
    tamper.prepare("UPDATE audit_log SET basis_of_access = 'patient-permission' WHERE id = ?").run(second.id);
    tamper.close();
    const broken = run(path);
    expect(broken.status).toBe(1);
    expect(broken.output).toContain(`Audit trail BROKEN at entry ${second.id}`);
  });
});
