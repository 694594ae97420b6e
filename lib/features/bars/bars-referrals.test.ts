import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { actingRole } from "@/lib/auth/session";
import { services } from "@/lib/server/services";
import { fixture, PATIENTS, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { checkReferralStatus, draftReferral, referralAction, sendReferral } from "./bars-referrals";
import type { BarsReferralAction } from "./session-slice";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("BaRS sends"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("clinician");
});

const ACTION_REF = "5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0";

/** The clinician with a draft referral of the record's patient to the stand-in's urgent treatment centre. */
async function clinician(change: Partial<BarsReferralAction> = {}) {
  const id = fixture.base.get("clinician")!.id;
  const draft: BarsReferralAction = {
    ...draftReferral(fixture.patientRef, { name: "Leeds UTC", odsCode: null, address: null, phone: null, dosServiceId: "2000072489", testTarget: null }),
    ...change,
  };
  const session = (await services().sessions.update(id, (current) => ({ ...current, barsReferrals: { [ACTION_REF]: draft } })))!;
  return { session, role: actingRole(session)!, requestId: draft.requestId };
}

async function sendRows(requestId: string) {
  return (await services().audit.list({ patientNhsNumber: PATIENTS.withEverything, action: "bars-referral-send", limit: 50 }))
    .filter((row) => row.upstreamRequestId === requestId)
    .reverse();
}

describe("a BaRS send is on the audit trail before it goes, and never left 'sending' (issue 18 items 5 and 6)", () => {
  it("writes 'attempted' before the send and its outcome after", async () => {
    const { session, role } = await clinician();
    const sent = await sendReferral(session, role, fixture.patientRef, ACTION_REF, "Chest pain on exertion; ECG attached.");
    if (sent.kind !== "done") throw new Error(sent.kind);
    expect((await sendRows(sent.action.requestId)).map((row) => row.outcome)).toEqual([
      "attempted",
      sent.action.state === "sent" ? "sent" : sent.action.state === "unknown" ? "outcome-unknown" : "upstream-failure",
    ]);
  });

  it("a send that throws is recorded as attempted then unknown, and the referral shows 'outcome unknown', not 'sending'", async () => {
    const { session, role, requestId } = await clinician();
    let rowsWhenSent: string[] = [];
    vi.spyOn(services().bars, "sendReferral").mockImplementation(async () => {
      rowsWhenSent = (await sendRows(requestId)).map((row) => row.outcome);
      throw new Error("socket hang up after the request went out");
    });
    const result = await sendReferral(session, role, fixture.patientRef, ACTION_REF, "Chest pain on exertion; ECG attached.");
    expect(rowsWhenSent).toEqual(["attempted"]);
    expect(result.kind === "done" && result.action.state).toBe("unknown");
    expect((await sendRows(requestId)).map((row) => row.outcome)).toEqual(["attempted", "outcome-unknown"]);
    const stored = (await services().sessions.get(session.id))!.barsReferrals![ACTION_REF]!;
    expect(stored.state).toBe("unknown");
  });

  it("a send left 'sending' by a crash reads as 'outcome unknown' after its deadline, and Check status settles it", async () => {
    const crashedAt = Date.now() - 60_000;
    const { session: after, role } = await clinician({
      state: "sending",
      attempts: 1,
      reason: "Chest pain",
      sendingSince: crashedAt,
      sentAt: new Date(crashedAt).toISOString(),
    });
    expect(referralAction(after, fixture.patientRef, ACTION_REF)?.state).toBe("unknown");
    const checked = await checkReferralStatus(after, role, fixture.patientRef, ACTION_REF);
    expect(checked?.state).not.toBe("sending");
    expect(["sent", "not-received", "unknown"]).toContain(checked?.state);
  });

  it("a send still within its deadline is still 'sending' (another tab is sending it)", async () => {
    const { session } = await clinician({ state: "sending", attempts: 1, reason: "Chest pain", sendingSince: Date.now(), sentAt: new Date().toISOString() });
    expect(referralAction(session, fixture.patientRef, ACTION_REF)?.state).toBe("sending");
  });
});
