import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { actingRole } from "@/lib/auth/session";
import { NHS_APIS } from "@/lib/nhs/catalogue";
import { services } from "@/lib/server/services";
import { cis2Origin as standInOrigin, fixture, PATIENTS, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { checkMessageStatus, messageAction, messageChoices, previewMessage, sendMessage, sentMessages, startMessage } from "./messages";
import type { TemplateValues } from "./templates";

beforeAll(async () => {
  // an organisation onboarded as an NHS App partner
  vi.stubEnv("NHS_APP_MESSAGING", "on");
  delete (globalThis as { __careRecordViewerConfig?: unknown }).__careRecordViewerConfig;
  await startHarness();
}, 60_000);
afterAll(() => stopHarness("NHS App messages"));
afterEach(async () => {
  await fetch(`${standInOrigin}/_stand-in/faults`, { method: "DELETE" });
  await restore("clinician");
});

const REFERRAL: TemplateValues = { template: "referral-sent", service: "Leeds City Urgent Treatment Centre", phone: "0113 123 4567", when: "within 2 weeks" };

async function fault(body: Record<string, unknown>) {
  await fetch(`${standInOrigin}/_stand-in/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ target: "nhs-app", ...body }),
  });
}

/** The sends that reached the stand-in since its log was cleared, answered or not. */
async function sends() {
  const { requests } = (await (await fetch(`${standInOrigin}/_stand-in/requests`)).json()) as {
    requests: Array<{ method: string; route: string; status: number }>;
  };
  return requests.filter((entry) => entry.method === "POST" && entry.route.startsWith(NHS_APIS["nhs-app"].basePath));
}

/** The clinician with a message started and previewed for the patient (Bill GARTON: NHS App, notifications off). */
async function previewed(values: TemplateValues = REFERRAL) {
  await fetch(`${standInOrigin}/_stand-in/requests`, { method: "DELETE" });
  const first = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
  const role = actingRole(first)!;
  const actionRef = (await startMessage(first, role, fixture.patientRef))!;
  await previewMessage((await services().sessions.get(first.id))!, role, fixture.patientRef, actionRef, values);
  const session = (await services().sessions.get(first.id))!;
  return { session, role, actionRef, action: messageAction(session, fixture.patientRef, actionRef)! };
}

async function auditOutcomes(requestId: string) {
  return (await services().audit.list({ patientNhsNumber: PATIENTS.withEverything, action: "nhs-app-message-send", limit: 100 }))
    .filter((row) => row.upstreamRequestId === requestId)
    .reverse()
    .map((row) => row.outcome);
}

describe("a message to the patient's NHS App, sent exactly once (issue 22)", () => {
  it("sends the previewed Markdown with its reference, audited before and after, and lists it with its delivery from the receipts", async () => {
    const { session, role, actionRef, action } = await previewed();
    expect(action.markdown).toBe(
      "## You have been referred\n\nTrevelyan Square Surgery has referred you to Leeds City Urgent Treatment Centre.\n\nWhen: within 2 weeks.\n\n" +
        "If you have not heard from them, or need to change anything, call Leeds City Urgent Treatment Centre on 0113 123 4567.\n\n" +
        "This message is from Trevelyan Square Surgery. Do not reply to it. If you need medical help urgently, call 111, or 999 in an emergency.",
    );
    const result = await sendMessage(session, role, fixture.patientRef, actionRef);
    expect(result.kind === "done" && result.action.state).toBe("sent");
    expect(await auditOutcomes(action.requestId)).toEqual(["attempted", "sent"]);
    const listed = await sentMessages(session, role, PATIENTS.withEverything);
    const mine = listed.rows.find((row) => row.reference === action.requestReference);
    expect(mine).toMatchObject({ template: "referral-sent", sendOutcome: "sent", delivery: "Unnotified", by: expect.stringContaining("Raman") });
  });

  it("a double click (two sends at once) sends one message; both see it sent, and sending later sends nothing more", async () => {
    const { session, role, actionRef } = await previewed();
    const [first, second] = await Promise.all([
      sendMessage(session, role, fixture.patientRef, actionRef),
      sendMessage(session, role, fixture.patientRef, actionRef),
    ]);
    expect([first.kind === "done" && first.action.state, second.kind === "done" && second.action.state]).toEqual(["sent", "sent"]);
    await sendMessage((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(await sends()).toHaveLength(1);
  });

  it("a lost answer is 'not known yet' and never resent; the receipts report, read by reference, shows it was sent", async () => {
    const { session, role, actionRef, action } = await previewed();
    await fault({ kind: "lost-response", times: 1 });
    const result = await sendMessage(session, role, fixture.patientRef, actionRef);
    expect(result.kind === "done" && result.action.state).toBe("unknown");
    expect(await auditOutcomes(action.requestId)).toEqual(["attempted", "outcome-unknown"]);
    await sendMessage((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(await sends()).toHaveLength(1);
    const checked = await checkMessageStatus((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(checked).toMatchObject({ state: "sent" });
    expect(await sends()).toHaveLength(1);
  });

  it("a 503 is 'not known yet'; the day's receipts do not have it, so it stays unknown and is not offered again the same day", async () => {
    const { session, role, actionRef } = await previewed();
    await fault({ kind: "status", status: 503, times: 1 });
    expect(await sendMessage(session, role, fixture.patientRef, actionRef)).toMatchObject({ action: { state: "unknown" } });
    const checked = await checkMessageStatus((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(checked).toMatchObject({ state: "unknown", checkedAt: expect.any(Number) });
    await sendMessage((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(await sends()).toHaveLength(1);
  });

  it("a refusal before anything was accepted (429) may be sent again, as the same message with the same reference", async () => {
    const { session, role, actionRef, action } = await previewed({
      template: "nhs-website-page",
      page: "medicines/metformin",
      ...messageChoices().pages["medicines/metformin"]!,
    });
    await fault({ kind: "status", status: 429, times: 1 });
    expect(await sendMessage(session, role, fixture.patientRef, actionRef)).toMatchObject({ action: { state: "not-sent" } });
    const again = await sendMessage((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(again).toMatchObject({ action: { state: "sent", attempts: 2, requestReference: action.requestReference } });
  });

  it("an admin role at AAL2 may not start one", async () => {
    const admin = (await services().sessions.get(fixture.base.get("admin-aal2")!.id))!;
    const ref = Object.keys(admin.patientRefs)[0]!;
    expect(await startMessage(admin, actingRole(admin)!, ref)).toBeNull();
  });
});
