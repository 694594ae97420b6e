/**
 * Every upstream API the app calls × every fault the stand-in can inject, over real sockets. For each
 * cell: the client gives a failure (never a throw), the person's message names the service and
 * carries a reference; reads are retried within policy, honouring Retry-After, with one X-Request-ID;
 * writes go once. Prints the matrix with pass counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { NHS_APIS } from "../catalogue";
import { listeningTestSandbox } from "@/sandbox/testing/support";
import { BarsClient, dosTarget } from "../bars/client";
import { CircuitBreakers } from "./circuit-breaker";
import { NhsApiClient, type NhsApiName, type NhsFailure } from "./client";
import { EpsTrackerClient } from "../eps/client";
import { ErsClient } from "../ers/client";
import { describeFailure } from "../../features/failure-message";
import { ImmunisationClient } from "../immunisation/client";
import { NrlClient } from "../nrl/client";
import { OdsClient } from "../ods/client";
import { PdsClient } from "../pds/client";
import { ScrClient } from "../scr/client";
import { ServiceSearchClient } from "../service-search/client";
import { WebsiteContentClient } from "../website-content/client";
import { NhsAppClient } from "../nhs-app/client";
import { TerminologyClient } from "../terminology/client";
import { GET_STRUCTURED_RECORD_INTERACTION, SdsClient } from "../sds/client";
import { GpConnectClient } from "../gpconnect/client";
import { immunizationResource } from "../immunisation/resource";
import { fluRecordInput } from "../immunisation/testing-fixtures";
import { FAULT_CASES, type FaultCase } from "./testing-fault-cases";

const MAX_READ_RETRIES = 2;
const TIMEOUT_MS = 400;

let sandbox: Sandbox;
let origin: string;
beforeAll(async () => {
  ({ sandbox, origin } = await listeningTestSandbox());
});
afterAll(() => sandbox.app.close());

const context = {
  correlationId: crypto.randomUUID(),
  sessionUrid: "656014452101",
  endUserOrganisationOds: "Y12345",
  organisationId: "656014452107",
  jobRole: "S8000:G8000:R8000",
};
const sender = { odsCode: "Y12345", organisationName: "Trevelyan Square Surgery", practitionerName: "Priya Raman", sdsRoleProfileId: "656014452101" };

type Outcome = { kind: string; failure?: NhsFailure };

function clients(waits: number[], circuits?: CircuitBreakers<NhsApiName>) {
  const nhs = new NhsApiClient({
    timeoutMs: TIMEOUT_MS,
    maxReadRetries: MAX_READ_RETRIES,
    maxRetryAfterSeconds: 10,
    sleep: async (milliseconds) => void waits.push(milliseconds),
    circuits,
  });
  return {
    pds: new PdsClient(nhs, `${origin}${NHS_APIS.pds.basePath}`),
    scr: new ScrClient(nhs, `${origin}${NHS_APIS.scr.basePath}`),
    eps: new EpsTrackerClient(nhs, `${origin}${NHS_APIS.eps.basePath}`),
    immunisation: new ImmunisationClient(nhs, `${origin}${NHS_APIS.immunisation.basePath}`),
    nrl: new NrlClient(nhs, `${origin}${NHS_APIS.nrl.basePath}`, { origins: [origin], timeoutMs: TIMEOUT_MS, maxBytes: 20 * 1024 * 1024 }),
    ers: new ErsClient(nhs, `${origin}${NHS_APIS.ers.basePath}`, { origins: [origin], timeoutMs: TIMEOUT_MS, maxBytes: 20 * 1024 * 1024 }),
    bars: new BarsClient(nhs, `${origin}${NHS_APIS.bars.basePath}`),
    serviceSearch: new ServiceSearchClient(nhs, `${origin}${NHS_APIS["service-search"].basePath}`),
    ods: new OdsClient(nhs, `${origin}${NHS_APIS.ods.basePath}`),
    terminology: new TerminologyClient(nhs, `${origin}${NHS_APIS.terminology.basePath}`),
    sds: new SdsClient(nhs, `${origin}${NHS_APIS.sds.basePath}`),
    gpConnect: new GpConnectClient(nhs, `${origin}${NHS_APIS.gpconnect.basePath}`, "200000000900", {
      issuer: "http://localhost:3000",
      model: "Care Record Viewer",
      version: "1",
    }),
    // a client per cell, so no page comes from the last cell's cache
    websiteContent: new WebsiteContentClient(nhs, `${origin}${NHS_APIS["website-content"].basePath}`, { leaves: "(NHS website)" }),
    nhsApp: new NhsAppClient(nhs, `${origin}${NHS_APIS["nhs-app"].basePath}`),
  };
}

/** Y12345's GP Connect endpoint as SDS gives it (sandbox/sds/routes.ts), so the GP Connect row needs no SDS call. */
const Y12345_GP_CONNECT = {
  odsCode: "Y12345",
  address: "https://gpconnect.standin.example.nhs.uk/Y12345/STU3/1/gpconnect/",
  partyKey: "Y12345-900001",
  asid: "200000000101",
};

/** A vaccination as the app records one, with a new identifier each time. */
const vaccination = () => immunizationResource(fluRecordInput());
const asFailure = <O extends { kind: string }>(outcome: O): Outcome =>
  "failure" in outcome ? { kind: "failed", failure: outcome.failure as NhsFailure } : outcome;

type Clients = ReturnType<typeof clients>;

const READS: Array<[NhsApiName, string, (c: Clients) => Promise<Outcome>]> = [
  ["pds", "PDS retrieve", (c) => c.pds.retrievePatient("9000000009", context)],
  ["scr", "SCR latest id", (c) => c.scr.latestScrId("9000000009", context)],
  ["eps", "tracker search", (c) => c.eps.search({ nhsNumber: "9000000009" }, context)],
  ["immunisation", "vaccinations", (c) => c.immunisation.history("9000000009", {}, context)],
  ["nrl", "document pointers", (c) => c.nrl.pointers("9000000009", context)],
  ["ers", "e-RS roles (A030)", (c) => c.ers.roles(context)],
  ["bars", "BaRS status check", async (c) => c.bars.serviceRequest(crypto.randomUUID(), dosTarget("2000072489"), sender, context)],
  ["service-search", "Service Search", (c) => c.serviceSearch.search({ field: "name", text: "Leeds", type: null }, context)],
  ["ods", "ODS organisation", (c) => c.ods.organisation("Y12345", context)],
  ["terminology", "SNOMED pick-list ($expand)", (c) => c.terminology.expand({ kind: "products", vaccineType: "FLU" }, "", context)],
  ["sds", "SDS GP Connect endpoint", (c) => c.sds.endpointFor("Y12345", GET_STRUCTURED_RECORD_INTERACTION, context)],
  [
    "gpconnect",
    "GP Connect structured record (SSP)",
    async (c) => {
      const outcome = await c.gpConnect.structuredRecord({
        nhsNumber: "9000000009",
        endpoint: Y12345_GP_CONNECT,
        requester: {
          sdsUserId: "656005750104",
          sdsRoleProfileId: "656014452101",
          name: { family: "RAMAN", given: ["Priya"] },
          organisation: { odsCode: "Y12345", name: "Trevelyan Square Surgery" },
        },
        request: "summary",
        context,
      });
      // an outage and an unreadable answer are both failures a person is told about, with the reference
      return outcome.kind === "practice-unavailable" || outcome.kind === "malformed" ? { kind: "failed", failure: outcome.failure } : outcome;
    },
  ],
  ["website-content", "NHS.UK page", (c) => c.websiteContent.page("medicines", "metformin", context)],
  ["nhs-app", "NHS App receipts report", (c) => c.nhsApp.receipts(new Date().toISOString().slice(0, 10), context)],
];

const WRITES: Array<[NhsApiName, string, (c: Clients) => Promise<Outcome>]> = [
  [
    "pds",
    "PDS contact update (PATCH)",
    (c) =>
      c.pds.updatePatient("9000000009", "2", [{ op: "add", path: "/telecom/-", value: { system: "email", value: "a@example.com", use: "home" } }], context),
  ],
  [
    "bars",
    "BaRS referral ($process-message)",
    async (c) => {
      const outcome = await c.bars.sendReferral(
        {
          bundleId: crypto.randomUUID(),
          requestId: crypto.randomUUID(),
          serviceRequestId: crypto.randomUUID(),
          target: dosTarget("2000072489"),
          patient: { nhsNumber: "9693632109", family: "GARTON", given: "Bill", birthDate: "1955-11-05" },
          reason: "fault matrix",
          sender,
          sentAt: new Date().toISOString(),
        },
        context,
      );
      return "failure" in outcome ? { kind: "failed", failure: outcome.failure } : outcome;
    },
  ],
  ["immunisation", "vaccination create (POST)", async (c) => asFailure(await c.immunisation.create(vaccination(), crypto.randomUUID(), context))],
  [
    "immunisation",
    "vaccination update (PUT, E-Tag)",
    async (c) => asFailure(await c.immunisation.update(crypto.randomUUID(), vaccination(), 1, crypto.randomUUID(), context)),
  ],
  [
    "immunisation",
    "vaccination entered in error (DELETE)",
    async (c) => asFailure(await c.immunisation.markEnteredInError(crypto.randomUUID(), 1, crypto.randomUUID(), context)),
  ],
  [
    "nhs-app",
    "NHS App message (CommunicationRequest)",
    async (c) =>
      asFailure(
        await c.nhsApp.send(
          "in-app",
          {
            nhsNumber: "9693632109",
            odsCode: "Y12345",
            requestReference: crypto.randomUUID(),
            markdown: "## Fault matrix\n\nA test message.",
            campaign: "fault-matrix",
          },
          crypto.randomUUID(),
          context,
        ),
      ),
  ],
];

const results = new Map<string, Map<string, boolean>>();
function note(row: string, column: string, passed: boolean) {
  if (!results.has(row)) results.set(row, new Map());
  results.get(row)!.set(column, passed);
}

async function control(method: "POST" | "DELETE", path: string, body?: unknown) {
  await fetch(`${origin}${path}`, { method, ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });
}

async function logged(basePath: string) {
  const response = await fetch(`${origin}/_stand-in/requests`);
  const { requests } = (await response.json()) as { requests: Array<{ route: string; requestId: string | null; method: string }> };
  return requests.filter((entry) => entry.route.startsWith(basePath));
}

async function runCell(api: NhsApiName, call: (c: Clients) => Promise<Outcome>, fault: FaultCase, isRead: boolean) {
  await control("DELETE", "/_stand-in/faults");
  await control("DELETE", "/_stand-in/requests");
  await control("POST", "/_stand-in/faults", { target: api, ...fault.fault });
  const waits: number[] = [];
  let outcome: Outcome;
  try {
    outcome = await call(clients(waits));
  } finally {
    await control("DELETE", "/_stand-in/faults");
  }
  // nothing crashed: the failure is a value, and the person's message names the service and a reference to quote
  expect(outcome.kind).toBe("failed");
  const message = describeFailure(outcome.failure!);
  expect(message.heading.length).toBeGreaterThan(10);
  expect(message.body.length).toBeGreaterThan(10);
  expect(message.reference).toMatch(/^[0-9a-f-]{36}$/);
  // a dropped connection is logged when it closes; give the stand-in a moment
  await new Promise((resolve) => setTimeout(resolve, 30));
  const requests = await logged(NHS_APIS[api].basePath);
  const expectedAttempts = isRead && fault.retried ? 1 + MAX_READ_RETRIES : 1;
  expect(requests).toHaveLength(expectedAttempts);
  expect(new Set(requests.map((entry) => entry.requestId))).toEqual(new Set([message.reference]));
  expect(waits).toEqual(isRead && fault.retried ? fault.waits : []);
}

describe("fault matrix: reads", () => {
  for (const [api, label, call] of READS) {
    for (const fault of FAULT_CASES) {
      it(`${label} × ${fault.name}`, async () => {
        note(label, fault.name, false);
        await runCell(api, call, fault, true);
        note(label, fault.name, true);
      });
    }
  }
});

describe("fault matrix: writes are sent once, whatever happens", () => {
  for (const [api, label, call] of WRITES) {
    for (const fault of FAULT_CASES) {
      it(`${label} × ${fault.name}`, async () => {
        note(label, fault.name, false);
        await runCell(api, call, fault, false);
        note(label, fault.name, true);
      });
    }
  }
});

describe("circuit breaker", () => {
  it("after repeated outages the API is not called at all, and the person is told it has been paused", async () => {
    await control("DELETE", "/_stand-in/requests");
    await control("POST", "/_stand-in/faults", { target: "pds", status: 500 });
    const circuits = new CircuitBreakers<NhsApiName>({ failuresToOpen: 3, openMilliseconds: 60_000 });
    const c = clients([], circuits);
    try {
      for (let call = 0; call < 3; call += 1) expect((await c.pds.retrievePatient("9000000009", context)).kind).toBe("failed");
      const paused = (await c.pds.retrievePatient("9000000009", context)) as Outcome;
      expect(paused.failure?.kind).toBe("circuit-open");
      expect(describeFailure(paused.failure!).body).toContain("stopped asking it");
      expect(await logged("/personal-demographics")).toHaveLength(3);
      // other APIs are not affected
      expect((await c.ods.organisation("Y12345", context)).kind).toBe("found");
    } finally {
      await control("DELETE", "/_stand-in/faults");
    }
  });
});

afterAll(() => {
  const columns = FAULT_CASES.map((fault) => fault.name);
  const width = Math.max(...[...results.keys()].map((row) => row.length));
  const lines = [`${"".padEnd(width)} | ${columns.join(" | ")}`];
  let passed = 0;
  let total = 0;
  for (const [row, cells] of results) {
    lines.push(`${row.padEnd(width)} | ${columns.map((column) => (cells.get(column) ? "pass" : "FAIL").padEnd(column.length)).join(" | ")}`);
    for (const value of cells.values()) {
      total += 1;
      if (value) passed += 1;
    }
  }
  lines.push(`fault matrix: ${passed}/${total} cells pass`);
  process.stdout.write(`${lines.join("\n")}\n`);
});
