import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit-trail";
import { SqliteAuditTrail } from "./sqlite-audit-trail";

const entry = (patientNhsNumber: string, action: AuditEntry["action"] = "patient-record-view"): AuditEntry => ({
  occurredAt: "2026-11-21T10:00:00.000Z",
  userId: "656005750104",
  userName: "Priya Raman",
  roleId: "656014452101",
  roleName: "Clinical Practitioner Access Role",
  orgCode: "Y12345",
  action,
  patientNhsNumber,
  basisOfAccess: null,
  reason: null,
  upstreamRequestId: "5a0a1a0e-1111-4111-8111-111111111111",
  outcome: "data-returned",
});

describe("SQLite audit trail", () => {
  it("chains each entry to the one before and verifies the chain", async () => {
    const trail = new SqliteAuditTrail(new Database(":memory:"));
    const first = await trail.record(entry("9000000009", "patient-search"));
    const second = await trail.record(entry("9000000009"));
    expect(second.previousHash).toBe(first.hash);
    expect(await trail.verifyChain()).toEqual({ intact: true, entries: 2 });
    expect((await trail.list({ patientNhsNumber: "9000000009" })).map((row) => row.action)).toEqual(["patient-record-view", "patient-search"]);
  });

  it("refuses updates and deletes", async () => {
    const database = new Database(":memory:");
    const trail = new SqliteAuditTrail(database);
    await trail.record(entry("9000000009"));
    expect(() => database.prepare("UPDATE audit_log SET patient_nhs_number = '9000000025'").run()).toThrow(/append-only/);
    expect(() => database.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  it("detects a row altered behind its back", async () => {
    const database = new Database(":memory:");
    const trail = new SqliteAuditTrail(database);
    await trail.record(entry("9000000009"));
    const altered = await trail.record(entry("9000000025"));
    await trail.record(entry("9000000033"));
    database.exec("DROP TRIGGER audit_log_no_update");
    database.prepare("UPDATE audit_log SET user_id = 'someone-else' WHERE id = ?").run(altered.id);
    expect(await trail.verifyChain()).toEqual({ intact: false, brokenAtId: altered.id });
  });
});
