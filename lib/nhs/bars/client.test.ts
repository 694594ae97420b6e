import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { buildTestSandbox } from "@/sandbox/testing/support";
import { BarsClient, dosTarget, type BarsReferral } from "./client";
import { NhsApiClient } from "../transport/client";
import { NHS_APIS } from "../catalogue";

let sandbox: Sandbox;
let calls: Array<{ method: string; requestId: string | undefined }>;
beforeAll(async () => {
  sandbox = await buildTestSandbox();
});
afterAll(() => sandbox.app.close());

function client(answer?: () => Response) {
  calls = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = init?.headers as Record<string, string>;
    calls.push({ method: init?.method ?? "GET", requestId: headers["x-request-id"] });
    if (answer) return answer();
    const url = new URL(String(input));
    const reply = await sandbox.app.inject({
      method: (init?.method ?? "GET") as "GET",
      url: `${url.pathname}${url.search}`,
      headers,
      ...(init?.body ? { payload: String(init.body) } : {}),
    });
    return new Response(reply.body, { status: reply.statusCode, headers: reply.headers as Record<string, string> });
  }) as typeof fetch;
  return new BarsClient(
    new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 2, maxRetryAfterSeconds: 0, fetchImpl, sleep: async () => {} }),
    `http://localhost:9999${NHS_APIS.bars.basePath}`,
  );
}

const context = { correlationId: crypto.randomUUID(), sessionUrid: "656014452101", endUserOrganisationOds: "Y12345" };
const sender = { odsCode: "Y12345", organisationName: "Trevelyan Square Surgery", practitionerName: "Priya Raman", sdsRoleProfileId: "656014452101" };

function referral(overrides: Partial<BarsReferral> = {}): BarsReferral {
  return {
    bundleId: crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    serviceRequestId: crypto.randomUUID(),
    target: dosTarget("2000072489"),
    patient: { nhsNumber: "9693632109", family: "GARTON", given: "Bill", birthDate: "1955-11-05" },
    reason: "Laceration to left hand needing closure",
    sender,
    sentAt: new Date().toISOString(),
    ...overrides,
  };
}

describe("BaRS client", () => {
  it("sends a referral once, names the receiver, and the receiver then holds the ServiceRequest", async () => {
    const bars = client();
    const message = referral();
    const sent = await bars.sendReferral(message, context);
    expect(sent).toMatchObject({ kind: "sent", serviceRequestId: message.serviceRequestId, receiverName: "Leeds City Urgent Treatment Centre" });
    expect(calls).toHaveLength(1);
    expect(await bars.serviceRequest(message.serviceRequestId, message.target, sender, context)).toMatchObject({
      kind: "found",
      serviceRequest: { id: message.serviceRequestId, status: "active", reason: "Laceration to left hand needing closure" },
    });
    const booked = await bars.appointments("9693632109", message.target, sender, context);
    expect(booked.kind === "found" && booked.appointments.filter((appointment) => appointment.basedOn.includes(message.serviceRequestId))).toEqual([
      expect.objectContaining({ status: "booked", description: "Appointment at Leeds City Urgent Treatment Centre" }),
    ]);
  });

  it("a receiver that does not book leaves no appointment; an unknown ServiceRequest is not-found", async () => {
    const bars = client();
    const message = referral({ target: dosTarget("2000070016") });
    await bars.sendReferral(message, context);
    const booked = await bars.appointments("9693632109", message.target, sender, context);
    expect(booked.kind === "found" && booked.appointments.some((appointment) => appointment.basedOn.includes(message.serviceRequestId))).toBe(false);
    expect((await bars.serviceRequest(crypto.randomUUID(), message.target, sender, context)).kind).toBe("not-found");
  });

  it("repeating the same action (same message, same X-Request-ID) is recognised as already received, not a second referral", async () => {
    const bars = client();
    const message = referral();
    await bars.sendReferral(message, context);
    const again = await bars.sendReferral(message, context);
    expect(again).toMatchObject({ kind: "already-received", serviceRequestId: message.serviceRequestId, requestId: message.requestId });
  });

  it("never resends on a timeout or 504: the outcome is unknown and the caller checks status", async () => {
    const bars = client(
      () =>
        new Response(
          JSON.stringify({
            resourceType: "OperationOutcome",
            issue: [{ severity: "error", code: "timeout", details: { coding: [{ code: "REC_GATEWAY_TIMEOUT" }] } }],
          }),
          { status: 504, headers: { "content-type": "application/fhir+json" } },
        ),
    );
    const outcome = await bars.sendReferral(referral(), context);
    expect(outcome.kind).toBe("unknown");
    expect(calls).toHaveLength(1);
  });

  it.each([400, 401, 403, 406, 409, 422, 501])("the stand-in's error target %i is a rejection with its code", async (status) => {
    const outcome = await client().sendReferral(referral({ target: { system: "tests", value: `NHS0001-${status}` } }), context);
    if (status === 409) expect(outcome.kind).toBe("already-received");
    else expect(outcome).toMatchObject({ kind: "rejected", failure: { status, outcome: { code: expect.stringMatching(/^REC_/) } } });
  });

  it.each([408, 500, 503, 504])("the stand-in's error target %i leaves the outcome unknown", async (status) => {
    expect((await client().sendReferral(referral({ target: { system: "tests", value: `NHS0001-${status}` } }), context)).kind).toBe("unknown");
  });
});
