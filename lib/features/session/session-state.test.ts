import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { services } from "@/lib/server/services";
import { fixture, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { EMPTY_FEATURE_SLICES } from "./server-session";
import { startWorkingAs } from "./session-state";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Role change"));
afterEach(() => restore("clinician"));

describe("a role change starts clean, in one transaction (issue 18 item 7)", () => {
  it("nothing opened, searched, confirmed or started in the old role carries into the new one", async () => {
    const id = fixture.base.get("clinician")!.id;
    const before = (await services().sessions.get(id))!;
    // the clinician has been working: patients open, a search, an SCR basis, an item reference, a referral, an audit filter
    await services().sessions.update(id, (current) => ({
      ...current,
      lastSearch: { kind: "basic", form: { family: "Smith" }, at: Date.now() },
      recentPatients: [{ ref: fixture.patientRef, name: "GARTON, Bill", nhsNumber: "9693632109", birthDate: null, openedAt: Date.now() }],
      latestScrIds: { "9693632109": "scr-1" },
      referralServiceSearch: { patientRef: fixture.patientRef, form: {}, at: Date.now(), outcome: { kind: "found", choices: [], total: 0, requestId: "r" } },
      auditFilter: { nhsNumber: "9693632109" },
      // a token exchanged meanwhile by another request: a role change must not write an older copy over it
      apimUserToken: { accessToken: "exchanged-after-the-page-loaded", expiresAt: Date.now() + 60_000, refreshToken: null, refreshExpiresAt: 0 },
    }));
    expect(Object.keys(before.patientRefs).length).toBeGreaterThan(0);
    const otherRole = before.roles.find((role) => role.personRoleId !== before.selectedRoleId)!;

    const after = (await startWorkingAs(id, otherRole.personRoleId))!;
    expect(after.selectedRoleId).toBe(otherRole.personRoleId);
    for (const [slice, empty] of Object.entries(EMPTY_FEATURE_SLICES)) expect(after[slice as keyof typeof after], slice).toEqual(empty);
    expect(after.apimUserToken?.accessToken).toBe("exchanged-after-the-page-loaded");
    expect(await services().sessions.get(id)).toEqual(after);
  });
});
