import { describe, expect, it, vi } from "vitest";
import type { AuditTrail } from "@/lib/audit/audit-trail";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { ServerSession } from "@/lib/state/session-store";
import { STORE_BACKENDS, type StoreDatabase } from "@/tests/store-backends";
import type { VaccinationAction } from "./vaccination/session-slice";

const NHS_NUMBER = "9000000009";
/** The stores of the backend under test: every call of services() is another instance's connection to them. */
const stores = vi.hoisted(() => ({ database: null as StoreDatabase | null, audit: null as AuditTrail | null }));
vi.mock("@/lib/server/services", () => ({
  services: () => ({
    sessions: stores.database!.sessions(),
    audit: stores.audit,
    pds: { retrievePatient: async () => ({ kind: "found", patient: { nhsNumber: NHS_NUMBER }, requestId: "pds-1", retrievedAt: new Date() }) },
  }),
}));

// how long a send may stay "sending" before it is taken as cut short: far longer than this test
vi.mock("@/lib/config", () => ({ getConfig: () => ({ NHS_API_TIMEOUT_MS: 30_000 }) }));

const { heldSends, sendClaimed } = await import("./claimed-send");

const role = { personRoleId: "656014452101", roleName: "Clinical Practitioner Access Role", orgCode: "Y12345" } as Cis2Role;
const ACTION_REF = "7d1d3c52-8a7e-4b7e-9d43-0c1f9f0b6a11";
const REQUEST_ID = "4b1f5d8e-2c3a-4f6b-8e9d-1a2b3c4d5e6f";

function signedIn(): ServerSession {
  const draft = { patientRef: "patient-1", requestId: REQUEST_ID, state: "draft", attempts: 0, createdAt: Date.now(), sendingSince: null, settledAt: null };
  return {
    id: "session-1",
    user: { uid: "656005750104", name: "Priya Raman" },
    expiresAt: Date.now() + 600_000,
    patientRefs: { "patient-1": { nhsNumber: NHS_NUMBER } },
    vaccinations: { [ACTION_REF]: draft as unknown as VaccinationAction },
  } as unknown as ServerSession;
}

describe.each(STORE_BACKENDS)("a claimed send in the $name session store", (backend) => {
  it("sent twice at once from two instances, goes out once; the other waits for its outcome, and one attempt is audited", async () => {
    stores.database = await backend.fresh();
    stores.audit = stores.database.audit();
    const session = signedIn();
    await stores.database.sessions().create(session);

    // the first send is held until both requests have tried to claim, so the second finds it "sending" and waits
    let claimAttempts = 0;
    let bothTried: () => void = () => undefined;
    const tried = new Promise<void>((resolve) => (bothTried = resolve));
    const sent: string[] = [];
    const sendOnce = () =>
      sendClaimed<VaccinationAction, { kind: "created" }>(heldSends("vaccinations"), { session, role }, "patient-1", ACTION_REF, {
        claim: (action) => {
          if (++claimAttempts === 2) bothTried();
          return action.state === "draft" ? { ...action, state: "sending", sendingSince: Date.now(), attempts: action.attempts + 1 } : null;
        },
        release: (action, beforeClaim) => ({ ...action, state: beforeClaim.state, attempts: action.attempts - 1, sendingSince: null }),
        write: (claimed) => ({
          access: { action: "vaccination-record", patientNhsNumber: NHS_NUMBER, upstreamRequestId: claimed.requestId },
          send: async () => {
            sent.push(claimed.requestId);
            await tried;
            return { kind: "created" };
          },
          factsOf: () => ({ upstreamRequestId: claimed.requestId, outcome: "sent" }),
          threw: { event: "test-send-threw", message: "a test send threw", ids: { requestId: claimed.requestId } },
        }),
        unknown: (action) => ({ ...action, state: "unknown" }),
      });
    const settle = async () => {
      const attempt = await sendOnce();
      return attempt.kind === "answered" ? heldSends("vaccinations").settle(session.id, ACTION_REF, (action) => ({ ...action, state: "recorded" })) : attempt;
    };

    const [first, second] = await Promise.all([settle(), settle()]);
    expect(sent).toEqual([REQUEST_ID]);
    expect([first, second]).toEqual([
      { kind: "done", action: expect.objectContaining({ state: "recorded", attempts: 1 }) },
      { kind: "done", action: expect.objectContaining({ state: "recorded", attempts: 1 }) },
    ]);
    const rows = await stores.audit.list({ patientNhsNumber: NHS_NUMBER, action: "vaccination-record", limit: 10 });
    expect(rows.map((row) => row.outcome).reverse()).toEqual(["attempted", "sent"]);
  });

  it("whose patient check throws (the audit store down as PDS is read) sends nothing and gives the claim back", async () => {
    stores.database = await backend.fresh();
    const trail = stores.database.audit();
    stores.audit = { ...trail, record: async () => Promise.reject(new Error("audit store unavailable")) } as unknown as AuditTrail;
    const session = signedIn();
    await stores.database.sessions().create(session);
    let sent = 0;

    const attempt = sendClaimed<VaccinationAction, { kind: "created" }>(heldSends("vaccinations"), { session, role }, "patient-1", ACTION_REF, {
      claim: (action) => (action.state === "draft" ? { ...action, state: "sending", sendingSince: Date.now(), attempts: action.attempts + 1 } : null),
      release: (action, beforeClaim) => ({ ...action, state: beforeClaim.state, attempts: action.attempts - 1, sendingSince: null }),
      write: (claimed) => ({
        access: { action: "vaccination-record", patientNhsNumber: NHS_NUMBER, upstreamRequestId: claimed.requestId },
        send: async () => {
          sent += 1;
          return { kind: "created" };
        },
        factsOf: () => ({ upstreamRequestId: claimed.requestId, outcome: "sent" }),
        threw: { event: "test-send-threw", message: "a test send threw", ids: { requestId: claimed.requestId } },
      }),
      unknown: (action) => ({ ...action, state: "unknown" }),
    });

    await expect(attempt).rejects.toThrow("audit store unavailable");
    expect(sent).toBe(0);
    expect(await heldSends("vaccinations").read(session.id, ACTION_REF)).toMatchObject({ state: "draft", attempts: 0, sendingSince: null });
  });
});
