import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TEST_AUDIT_KEYS } from "@/tests/audit-keys";
import { anchorsFromLog, parseAnchor, startAuditAnchors } from "./audit-anchor";
import { SqliteAuditTrail } from "./sqlite-audit-trail";

afterEach(() => {
  vi.useRealTimers();
});

describe("audit chain anchors in the application log", () => {
  it("writes the head at start-up, at each interval and at shutdown, in lines audit:verify reads back", async () => {
    vi.useFakeTimers();
    const trail = new SqliteAuditTrail(new Database(join(mkdtempSync(join(tmpdir(), "anchors-")), "audit.db")), TEST_AUDIT_KEYS);
    const lines: string[] = [];
    const log = {
      info: (fields: object, msg: string) => lines.push(JSON.stringify({ level: 30, ...fields, msg })),
      error: (fields: object, msg: string) => lines.push(JSON.stringify({ level: 50, ...fields, msg })),
    };
    const anchors = startAuditAnchors(trail, 60_000, log);
    await anchors.started;
    const entry = {
      occurredAt: "2026-11-29T10:00:00.000Z",
      userId: "656005750104",
      userName: "Priya Raman",
      roleId: "656014452101",
      roleName: "Clinical Practitioner Access Role",
      orgCode: "Y12345",
      action: "patient-record-view" as const,
      patientNhsNumber: "9000000009",
      basisOfAccess: null,
      reason: null,
      upstreamRequestId: null,
      outcome: "data-returned" as const,
    };
    const first = await trail.record(entry);
    await vi.advanceTimersByTimeAsync(60_000);
    const second = await trail.record(entry);
    await anchors.stop();

    const written = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written.map(({ occasion, entries, keyId }) => ({ occasion, entries, keyId }))).toEqual([
      { occasion: "start-up", entries: 0, keyId: null },
      { occasion: "interval", entries: 1, keyId: "test-2026-11" },
      { occasion: "shutdown", entries: 2, keyId: "test-2026-11" },
    ]);
    expect(written[2]).toMatchObject({ event: "audit-chain-anchor", hash: second.hash, anchor: `2:${second.hash}`, msg: "audit chain head" });
    // no patient in an anchor: only counts, hashes and a key id
    expect(lines.join("\n")).not.toContain("9000000009");
    expect(anchorsFromLog(`noise\n${lines.join("\n")}\n{"not":"json"`)).toEqual([
      { entries: 0, hash: "0".repeat(64) },
      { entries: 1, hash: first.hash },
      { entries: 2, hash: second.hash },
    ]);
    expect(await trail.verifyChain(anchorsFromLog(lines.join("\n")))).toMatchObject({ intact: true, entries: 2 });
  });

  it("takes an anchor as <entries>:<hash> and nothing else", () => {
    expect(parseAnchor(`12:${"a".repeat(64)}`)).toEqual({ entries: 12, hash: "a".repeat(64) });
    for (const wrong of ["12", `x:${"a".repeat(64)}`, `12:${"a".repeat(63)}`, `12:${"A".repeat(64)}`]) expect(parseAnchor(wrong)).toBeNull();
  });
});
