import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TEST_AUDIT_CHAIN_KEYS_SETTING } from "@/tests/audit-keys";
import { STORE_BACKENDS } from "@/tests/store-backends";
import { anchorFields } from "./audit-anchor";

async function run(argument: string | null, env: Record<string, string> = {}, more: string[] = []): Promise<{ status: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify-audit.mts", ...(argument ? [argument] : []), ...more], {
      encoding: "utf8",
      // the key the test trails sign with, as a deployed instance's AUDIT_CHAIN_KEYS
      env: { ...process.env, AUDIT_CHAIN_KEYS: TEST_AUDIT_CHAIN_KEYS_SETTING, ...env },
    });
    return { status: 0, output: stdout };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { status: failure.code, output: failure.stderr };
  }
}

// each test starts tsx several times: over the 30 s unit tests allow on a 2-core machine that other work loads
describe.each(STORE_BACKENDS)("npm run audit:verify on $name", { timeout: 120_000 }, (backend) => {
  const written = async () => {
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
    const third = await entry("9000000025");
    // PostgreSQL is found through DATABASE_URL, as on a deployed instance; a SQLite file is named on the command line
    const verify = (env: Record<string, string> = {}, more: string[] = []) =>
      backend.name === "PostgreSQL" ? run(null, { DATABASE_URL: database.location, ...env }, more) : run(database.location, env, more);
    return { database, trail, second, third, verify };
  };

  it("passes an intact trail and fails, naming the entry, after a row is altered", async () => {
    const { database, second, third, verify } = await written();
    const intact = await verify();
    expect(intact.status).toBe(0);
    expect(intact.output).toContain("Audit trail intact: 3 entries");
    expect(intact.output).toContain(`head: 3:${third.hash} (key test-2026-11)`);

    await database.exec("DROP TRIGGER audit_log_no_update" + (backend.name === "PostgreSQL" ? " ON audit_log" : ""));
    await database.exec(`UPDATE audit_log SET basis_of_access = 'patient-permission' WHERE id = ${second.id}`);
    const broken = await verify();
    expect(broken.status).toBe(1);
    expect(broken.output).toContain(`Audit trail BROKEN at entry ${second.id}`);
  });

  it("fails a tail cut off against an anchor given on the command line or in the app's log, and without the key", async () => {
    const { database, third, verify } = await written();
    const log = join(mkdtempSync(join(tmpdir(), "anchors-")), "app.log");
    const line = JSON.stringify({
      level: 30,
      time: Date.now(),
      service: "care-record-viewer",
      ...anchorFields({ entries: 3, hash: third.hash, keyId: "test-2026-11" }, "interval"),
      msg: "audit chain head",
    });
    writeFileSync(log, `Starting...\n2026-11-29T10:00:00Z app-1 ${line}\n`);
    expect((await verify({}, ["--anchors", log])).output).toContain("anchors: 1 checked, each still holds");

    await database.exec("DROP TRIGGER IF EXISTS audit_log_no_delete" + (backend.name === "PostgreSQL" ? " ON audit_log" : ""));
    await database.exec("DELETE FROM audit_log WHERE id = 3");
    for (const given of [
      ["--anchor", `3:${third.hash}`],
      ["--anchors", log],
    ]) {
      const cut = await verify({}, given);
      expect(cut.status).toBe(1);
      expect(cut.output).toContain("Audit trail TRUNCATED: an anchor recorded 3 entries but the trail holds 2: entries 3 to 3 were removed");
    }

    const forged = await verify({ AUDIT_CHAIN_KEYS: `test-2026-11:${Buffer.alloc(32, 0x66).toString("base64")}` });
    expect(forged.status).toBe(1);
    expect(forged.output).toContain("Audit trail BROKEN at entry 1: its hash and link are consistent but its MAC does not verify");
  });
});
