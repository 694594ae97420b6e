import { describe, expect, it } from "vitest";
import { STORE_BACKENDS } from "@/tests/store-backends";
import { auditEntryHash } from "./audit-row";
import { type AuditEntry, GENESIS_HASH } from "./audit-trail";

const entry = (patientNhsNumber: string, action: AuditEntry["action"] = "patient-record-view", overrides: Partial<AuditEntry> = {}): AuditEntry => ({
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
  ...overrides,
});

describe.each(STORE_BACKENDS)("$name audit trail", (backend) => {
  it("chains each entry to the one before and verifies the chain", async () => {
    const trail = (await backend.fresh()).audit();
    const first = await trail.record(entry("9000000009", "patient-search"));
    const second = await trail.record(entry("9000000009"));
    expect(second.previousHash).toBe(first.hash);
    expect(second.id).toBe(first.id + 1);
    expect(await trail.verifyChain()).toEqual({ intact: true, entries: 2 });
    expect((await trail.list({ patientNhsNumber: "9000000009" })).map((row) => row.action)).toEqual(["patient-record-view", "patient-search"]);
  });

  it("hashes any text the same way as the other store verifies it: quotes, backslashes, line breaks, accents, emoji", async () => {
    const trail = (await backend.fresh()).audit();
    const awkward = 'Siân O\'Brien-Nú\\ñez "Dr"\n\t\u0001 \u{1F3E5}';
    const stored = await trail.record(entry("9000000009", "scr-access-basis", { userName: awkward, reason: awkward }));
    expect(stored.hash).toBe(auditEntryHash(entry("9000000009", "scr-access-basis", { userName: awkward, reason: awkward }), GENESIS_HASH));
    expect(await trail.verifyChain()).toEqual({ intact: true, entries: 1 });
  });

  it("keeps text neither store can hold (a lone surrogate, a NUL) as U+FFFD, so the row is written and verifies", async () => {
    const trail = (await backend.fresh()).audit();
    const stored = await trail.record(entry("9000000009", "scr-access-basis", { reason: "half \uD800 of a pair, and a \u0000 NUL" }));
    expect(stored.reason).toBe("half \uFFFD of a pair, and a \uFFFD NUL");
    expect((await trail.list({ patientNhsNumber: "9000000009" }))[0]?.reason).toBe("half \uFFFD of a pair, and a \uFFFD NUL");
    expect(await trail.verifyChain()).toEqual({ intact: true, entries: 1 });
  });

  it("is one chain for two instances writing to the same store", async () => {
    const database = await backend.fresh();
    const [one, other] = [database.audit(), database.audit()];
    await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? one : other).record(entry("9000000009"))));
    expect(await one.verifyChain()).toEqual({ intact: true, entries: 20 });
    expect((await other.list()).map((row) => row.id)).toEqual(Array.from({ length: 20 }, (_, index) => 20 - index));
  });

  it("filters by patient, user, action, dates and organisations, newest first, up to the limit", async () => {
    const trail = (await backend.fresh()).audit();
    await trail.record(entry("9000000009", "patient-search", { occurredAt: "2026-11-20T09:00:00.000Z" }));
    await trail.record(entry("9000000025", "scr-view", { occurredAt: "2026-11-21T09:00:00.000Z", orgCode: "Y23456", userId: "555254240100" }));
    await trail.record(entry("9000000009", "scr-view", { occurredAt: "2026-11-22T09:00:00.000Z", orgCode: "Y34567" }));
    const ids = async (filter: Parameters<typeof trail.list>[0]) => (await trail.list(filter)).map((row) => row.id);
    expect(await ids({})).toEqual([3, 2, 1]);
    expect(await ids({ patientNhsNumber: "9000000009" })).toEqual([3, 1]);
    expect(await ids({ userId: "555254240100" })).toEqual([2]);
    expect(await ids({ action: "scr-view" })).toEqual([3, 2]);
    expect(await ids({ from: "2026-11-21T09:00:00.000Z", to: "2026-11-21T23:59:59.999Z" })).toEqual([2]);
    expect(await ids({ orgCodes: ["Y12345", "Y34567"] })).toEqual([3, 1]);
    expect(await ids({ orgCodes: [] })).toEqual([]);
    expect(await ids({ action: "scr-view", orgCodes: ["Y23456"], patientNhsNumber: "9000000025" })).toEqual([2]);
    expect(await ids({ patientNhsNumber: "", limit: 1 })).toEqual([3]);
  });

  it("refuses updates and deletes", async () => {
    const database = await backend.fresh();
    await database.audit().record(entry("9000000009"));
    await expect(database.exec("UPDATE audit_log SET patient_nhs_number = '9000000025'")).rejects.toThrow(/append-only/);
    await expect(database.exec("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });

  it("detects a row altered behind its back", async () => {
    const database = await backend.fresh();
    const trail = database.audit();
    await trail.record(entry("9000000009"));
    const altered = await trail.record(entry("9000000025"));
    await trail.record(entry("9000000033"));
    await database.exec("DROP TRIGGER audit_log_no_update" + (backend.name === "PostgreSQL" ? " ON audit_log" : ""));
    await database.exec(`UPDATE audit_log SET user_id = 'someone-else' WHERE id = ${altered.id}`);
    expect(await trail.verifyChain()).toEqual({ intact: false, brokenAtId: altered.id });
  });

  it("answers the readiness check", async () => {
    await expect((await backend.fresh()).audit().ping()).resolves.toBeUndefined();
  });
});
