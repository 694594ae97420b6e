import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import type { AuditEntry } from "./audit-trail";
import { SqliteAuditTrail } from "./sqlite-audit-trail";

const entry = (upstreamRequestId: string): AuditEntry => ({
  occurredAt: "2026-11-29T10:00:00.000Z",
  userId: "656005750104",
  userName: "Priya Raman",
  roleId: "656014452101",
  roleName: "Clinical Practitioner Access Role",
  orgCode: "Y12345",
  action: "patient-record-view",
  patientNhsNumber: "9000000009",
  basisOfAccess: null,
  reason: null,
  upstreamRequestId,
  outcome: "data-returned",
});

function openTrail() {
  const database = new Database(join(mkdtempSync(join(tmpdir(), "group-commit-")), "audit.db"));
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  return { database, trail: new SqliteAuditTrail(database, TEST_AUDIT_KEYS) };
}

describe("SQLite audit trail: group commit", () => {
  it("rows recorded together are committed together, in the order recorded, each caller answered with its own row, the chain intact", async () => {
    const { database, trail } = openTrail();
    database.pragma("wal_checkpoint(TRUNCATE)");
    const stored = await Promise.all(Array.from({ length: 25 }, (_, index) => trail.record(entry(`request-${index}`))));
    expect(stored.map((row) => row.upstreamRequestId)).toEqual(Array.from({ length: 25 }, (_, index) => `request-${index}`));
    expect(stored.map((row) => row.id)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    for (const [index, row] of stored.entries()) if (index > 0) expect(row.previousHash).toBe(stored[index - 1]!.hash);
    // one transaction writes each page it changed once; 25 of them would add at least a frame each to the log
    const [{ log: framesWritten }] = database.pragma("wal_checkpoint(PASSIVE)") as Array<{ log: number }>;
    expect(framesWritten).toBeLessThan(25);
    expect(await trail.verifyChain()).toMatchObject({ intact: true, entries: 25 });
    // a row recorded later starts the next batch, chained on the last
    const later = await trail.record(entry("later"));
    expect(later).toMatchObject({ id: 26, previousHash: stored[24]!.hash });
  });

  it("no caller hears of its row before the commit: a commit that fails fails every row of it, and nothing of it is kept", async () => {
    const { database, trail } = openTrail();
    await trail.record(entry("before"));
    // another connection holds the write lock, so the batch's IMMEDIATE transaction cannot begin
    const other = new Database(database.name, { timeout: 0 });
    database.pragma("busy_timeout = 0");
    other.prepare("BEGIN IMMEDIATE").run();
    const outcomes = await Promise.allSettled([trail.record(entry("one")), trail.record(entry("two"))]);
    other.prepare("ROLLBACK").run();
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect((await trail.list()).map((row) => row.upstreamRequestId)).toEqual(["before"]);
  });
});
