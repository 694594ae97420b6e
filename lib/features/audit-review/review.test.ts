import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NATIONAL_RBAC_ONLY } from "@/lib/access/local-policy";
import type { AuditEntry } from "@/lib/audit/audit-trail";
import { actingRole } from "@/lib/auth/session";
import { services } from "@/lib/server/services";
import { fixture, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { isNarrowed, reviewAudit } from "./review";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Audit review"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("privacy-officer");
});

// a patient no other test touches, so that every row for it is this file's
const PATIENT = "9000000033";

async function reviewer() {
  const session = (await services().sessions.get(fixture.base.get("privacy-officer")!.id))!;
  return { session, role: actingRole(session)! };
}

function access(orgCode: string): AuditEntry {
  return {
    occurredAt: new Date().toISOString(),
    userId: `user-at-${orgCode}`,
    userName: "Someone",
    roleId: "555254240100",
    roleName: "Clinical Practitioner Access Role",
    orgCode,
    action: "scr-view",
    patientNhsNumber: PATIENT,
    basisOfAccess: null,
    reason: null,
    upstreamRequestId: null,
    outcome: "data-returned",
  };
}

describe("the access audit is scoped to the reviewer's organisations (issue 18 item 1)", () => {
  it("shows a Privacy Officer their own organisation's staff only", async () => {
    await services().audit.record(access("Y12345"));
    await services().audit.record(access("RX9"));
    const { session, role } = await reviewer();
    expect(role.orgCode).toBe("Y12345");
    const entries = await reviewAudit(session, role, { patientNhsNumber: PATIENT, action: "scr-view" }, "view", NATIONAL_RBAC_ONLY);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((entry) => entry.orgCode))).toEqual(new Set(["Y12345"]));
  });

  it("adds the organisations the settings give that reviewer, and no one else's", async () => {
    await services().audit.record(access("RX9"));
    await services().audit.record(access("Y23456"));
    const { session, role } = await reviewer();
    const local = { ...NATIONAL_RBAC_ONLY, auditReviewOrganisations: { [role.personRoleId]: ["RX9"], "555254249999": ["Y23456"] } };
    const entries = await reviewAudit(session, role, { patientNhsNumber: PATIENT, action: "scr-view" }, "view", local);
    expect(new Set(entries.map((entry) => entry.orgCode))).toEqual(new Set(["Y12345", "RX9"]));
  });
});

describe("reading the audit is audited (issue 18 item 2)", () => {
  it("writes who read it, the filter, the scope and the row count before the rows are returned", async () => {
    const { session, role } = await reviewer();
    const filter = { patientNhsNumber: PATIENT, userId: "user-at-Y12345", from: "2026-01-01T00:00:00.000Z" };
    await services().audit.record(access("Y12345"));
    const entries = await reviewAudit(session, role, filter, "export", NATIONAL_RBAC_ONLY);
    expect(entries.length).toBeGreaterThan(0);
    const [row] = await services().audit.list({ action: "audit-export", userId: session.user.uid, limit: 1 });
    expect(row).toMatchObject({
      userId: session.user.uid,
      roleId: role.personRoleId,
      orgCode: "Y12345",
      patientNhsNumber: PATIENT,
      outcome: "data-returned",
      reason: `Organisations Y12345. Filters: user user-at-Y12345, from 2026-01-01T00:00:00.000Z. ${entries.length === 1 ? "1 row" : `${entries.length} rows`}.`,
    });
  });

  it("returns nothing when its own row cannot be written", async () => {
    const { session, role } = await reviewer();
    vi.spyOn(services().audit, "record").mockRejectedValue(new Error("disk full"));
    await expect(reviewAudit(session, role, { patientNhsNumber: PATIENT }, "view", NATIONAL_RBAC_ONLY)).rejects.toThrow("disk full");
  });

  it("an export needs a filter or a date range", () => {
    expect(isNarrowed({})).toBe(false);
    expect(isNarrowed({ limit: 100_000 })).toBe(false);
    expect(isNarrowed({ from: "2026-11-01T00:00:00.000Z" })).toBe(true);
    expect(isNarrowed({ patientNhsNumber: PATIENT })).toBe(true);
  });
});
