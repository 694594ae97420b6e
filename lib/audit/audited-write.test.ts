import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { actingRole } from "@/lib/auth/session";
import { sendContactUpdate } from "@/lib/features/record/send-contact-update";
import { confirmScrAccess } from "@/lib/features/scr/confirm-access";
import { services } from "@/lib/server/services";
import { fixture, PATIENTS, restore, startHarness, stopHarness } from "@/tests/handler-harness";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Audited writes"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("clinician");
});

async function clinician() {
  const session = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
  return { session, role: actingRole(session)! };
}

async function rows(action: "patient-update" | "scr-access-basis") {
  return (await services().audit.list({ patientNhsNumber: PATIENTS.withEverything, action, limit: 20 })).reverse();
}

describe("writes are audited before they are attempted and again with their outcome (issue 18 item 5)", () => {
  it("a PDS contact update: 'attempted' is durable before the PATCH goes, under the request ID it is sent with", async () => {
    const writer = await clinician();
    const before = (await rows("patient-update")).length;
    let seenAtSend: string[] = [];
    const update = services().pds.updatePatient.bind(services().pds);
    vi.spyOn(services().pds, "updatePatient").mockImplementation(async (...args) => {
      seenAtSend = (await rows("patient-update")).slice(before).map((row) => row.outcome);
      return update(...args);
    });
    const outcome = await sendContactUpdate(writer, PATIENTS.withEverything, "1", [{ op: "replace", path: "/telecom/0/value", value: "01632960000" }]);
    expect(seenAtSend).toEqual(["attempted"]);
    const written = (await rows("patient-update")).slice(before);
    expect(written.map((row) => row.outcome)).toEqual([
      "attempted",
      outcome.kind === "updated" ? "data-returned" : outcome.kind === "failed" ? "upstream-failure" : "refused",
    ]);
    expect(new Set(written.map((row) => row.upstreamRequestId)).size).toBe(1);
  });

  it("a PDS update that throws leaves 'attempted' then 'outcome unknown'", async () => {
    const writer = await clinician();
    const before = (await rows("patient-update")).length;
    vi.spyOn(services().pds, "updatePatient").mockRejectedValue(new Error("the process is going down"));
    await expect(sendContactUpdate(writer, PATIENTS.withEverything, "1", [])).rejects.toThrow();
    expect((await rows("patient-update")).slice(before).map((row) => row.outcome)).toEqual(["attempted", "outcome-unknown"]);
  });

  it("an SCR privacy alert: attempted, then sent, then the confirmed basis", async () => {
    const { session, role } = await clinician();
    const before = (await rows("scr-access-basis")).length;
    const confirmed = await confirmScrAccess(session, role, PATIENTS.withEverything, {
      basis: "emergency-access",
      reason: "Medical emergency and the patient cannot be asked",
    });
    expect(confirmed.kind).toBe("confirmed");
    const written = (await rows("scr-access-basis")).slice(before);
    expect(written.map((row) => row.outcome)).toEqual(["attempted", "sent", "data-returned"]);
    expect(written.every((row) => row.basisOfAccess === "emergency-access")).toBe(true);
    expect(written[0]!.upstreamRequestId).toBe(written[2]!.upstreamRequestId);
  });
});
