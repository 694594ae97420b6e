/**
 * The scenarios ../shared/reference/nhs-apis.md names, replayed over HTTP against a listening stand-in:
 * status, a key field, the mirrored request ID, and (for FHIR APIs) a valid R4 body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { fhirProblems } from "./testing/fhir-r4";
import { listeningTestSandbox, uuid } from "./testing/support";
import { NHS_APIS } from "../lib/nhs/catalogue";

let sandbox: Sandbox;
let origin: string;

beforeAll(async () => {
  ({ sandbox, origin } = await listeningTestSandbox());
});
afterAll(() => sandbox.app.close());

const nhs = (nhsNumber: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
const BARS_HEADERS = {
  "x-correlation-id": "0f1b8d3e-6a5c-4c62-9d43-2a1f6e7b8c90",
  "nhsd-target-identifier": b64({ system: "https://fhir.nhs.uk/Id/dos-service-id", value: "2000072489" }),
  "nhsd-requesting-software": b64({ resourceType: "Device" }),
  "nhsd-end-user-organisation": b64({ resourceType: "Organization" }),
};
const ERS_HEADERS = { "nhsd-ers-business-function": "REFERRING_CLINICIAN", "nhsd-end-user-organisation-ods": "Y12345" };
const CPT_HEADERS = { "nhsd-session-urid": "656005754108", "nhsd-organization-uuid": "656005754107" };

interface Scenario {
  api: string;
  name: string;
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
  /** What the body must show: a path into the JSON and the value there. */
  expect?: [string, unknown];
  fhir?: boolean;
}

const SCENARIOS: Scenario[] = [
  // PDS retrieve
  { api: "PDS", name: "retrieve 9000000009", path: `${NHS_APIS.pds.basePath}/Patient/9000000009`, status: 200, expect: ["name.0.family", "Smith"] },
  { api: "PDS", name: "restricted 9000000025", path: `${NHS_APIS.pds.basePath}/Patient/9000000025`, status: 200, expect: ["meta.security.0.code", "R"] },
  { api: "PDS", name: "minimal 9000000033", path: `${NHS_APIS.pds.basePath}/Patient/9000000033`, status: 200, expect: ["id", "9000000033"] },
  { api: "PDS", name: "Bill Garton 9693632109", path: `${NHS_APIS.pds.basePath}/Patient/9693632109`, status: 200, expect: ["name.0.family", "GARTON"] },
  {
    api: "PDS",
    name: "not found 9111231130",
    path: `${NHS_APIS.pds.basePath}/Patient/9111231130`,
    status: 404,
    expect: ["issue.0.details.coding.0.code", "RESOURCE_NOT_FOUND"],
  },
  {
    api: "PDS",
    name: "invalid 9000000000",
    path: `${NHS_APIS.pds.basePath}/Patient/9000000000`,
    status: 400,
    expect: ["issue.0.details.coding.0.code", "INVALID_RESOURCE_ID"],
  },
  {
    api: "PDS",
    name: "superseded answers with the new record",
    path: `${NHS_APIS.pds.basePath}/Patient/9732019387`,
    status: 200,
    expect: ["id", "9732019395"],
  },
  {
    api: "PDS",
    name: "invalidated",
    path: `${NHS_APIS.pds.basePath}/Patient/9000000068`,
    status: 404,
    expect: ["issue.0.details.coding.0.code", "INVALIDATED_RESOURCE"],
  },
  {
    api: "PDS",
    name: "X-Request-ID not a UUID",
    path: `${NHS_APIS.pds.basePath}/Patient/9000000009`,
    headers: { "x-request-id": "1234" },
    status: 400,
    expect: ["issue.0.details.coding.0.code", "INVALID_VALUE"],
  },
  {
    api: "PDS",
    name: "malformed bearer",
    path: `${NHS_APIS.pds.basePath}/Patient/9000000009`,
    headers: { authorization: "Basic x" },
    status: 401,
    expect: ["issue.0.details.coding.0.code", "ACCESS_DENIED"],
  },
  {
    api: "PDS",
    name: "search: Jane Smith",
    path: `${NHS_APIS.pds.basePath}/Patient?family=Smith&gender=female&birthdate=eq2010-10-22`,
    status: 200,
    expect: ["entry.0.resource.id", "9000000009"],
  },
  {
    api: "PDS",
    name: "search: too many matches",
    path: `${NHS_APIS.pds.basePath}/Patient?family=YOUDS&birthdate=eq1970-01-24&_max-results=1`,
    status: 200,
    expect: ["issue.0.details.coding.0.code", "TOO_MANY_MATCHES"],
  },
  {
    api: "PDS",
    name: "search: no parameters",
    path: `${NHS_APIS.pds.basePath}/Patient`,
    status: 400,
    expect: ["issue.0.details.coding.0.code", "UNSUPPORTED_SERVICE"],
  },
  { api: "PDS", name: "related people of 9000000009", path: `${NHS_APIS.pds.basePath}/Patient/9000000009/RelatedPerson`, status: 200, expect: ["total", 2] },
  // SCR
  {
    api: "SCR",
    name: "latest SCR id",
    path: `${NHS_APIS.scr.basePath}/DocumentReference?patient=${nhs("9000000009")}`,
    status: 200,
    expect: ["entry.0.resource.masterIdentifier.value", "FA60BE64-1F34-11EB-A2A8-000C29A364EB"],
  },
  {
    api: "SCR",
    name: "no SCR for 9000000033",
    path: `${NHS_APIS.scr.basePath}/DocumentReference?patient=${nhs("9000000033")}`,
    status: 200,
    expect: ["total", 0],
  },
  {
    api: "SCR",
    name: "no consent",
    path: `${NHS_APIS.scr.basePath}/DocumentReference?patient=${nhs("9111231130")}`,
    status: 403,
    expect: ["issue.0.code", "forbidden"],
  },
  {
    api: "SCR",
    name: "invalid NHS number",
    path: `${NHS_APIS.scr.basePath}/DocumentReference?patient=INVALID`,
    status: 400,
    expect: ["issue.0.code", "invalid"],
  },
  {
    api: "SCR",
    name: "the SCR",
    path: `${NHS_APIS.scr.basePath}/Bundle?composition.identifier=FA60BE64-1F34-11EB-A2A8-000C29A364EB&composition.subject:Patient.identifier=${nhs("9000000009")}`,
    status: 200,
    expect: ["entry.0.resource.resourceType", "Composition"],
  },
  {
    api: "SCR",
    name: "an out-of-date SCR id",
    path: `${NHS_APIS.scr.basePath}/Bundle?composition.identifier=81CC2DA0-8882-11EB-B538-0800200C9A66&composition.subject:Patient.identifier=${nhs("9000000033")}`,
    status: 200,
    expect: ["total", 0],
  },
  // Prescription Tracker
  {
    api: "EPS",
    name: "search by NHS number",
    path: `${NHS_APIS.eps.basePath}/RequestGroup?nhsNumber=9000000009`,
    headers: CPT_HEADERS,
    status: 200,
    expect: ["total", 3],
  },
  {
    api: "EPS",
    name: "no prescriptions",
    path: `${NHS_APIS.eps.basePath}/RequestGroup?nhsNumber=9000000033`,
    headers: CPT_HEADERS,
    status: 200,
    expect: ["total", 0],
  },
  {
    api: "EPS",
    name: "unknown prescription",
    path: `${NHS_APIS.eps.basePath}/RequestGroup/622F04-A83008-A691D5`,
    headers: CPT_HEADERS,
    status: 404,
    expect: ["issue.0.code", "not-found"],
  },
  {
    api: "EPS",
    name: "bad check character",
    path: `${NHS_APIS.eps.basePath}/RequestGroup/622F04-A83008-A691D6`,
    headers: CPT_HEADERS,
    status: 400,
    expect: ["issue.0.code", "value"],
  },
  // e-RS
  ...["000000070000", "000000070001", "000000070002", "000000070003", "000000070004", "000000070005", "000000070011", "000000070012"].map(
    (ubrn): Scenario => ({
      api: "e-RS",
      name: `A005 ${ubrn}`,
      path: `${NHS_APIS.ers.basePath}/STU3/ReferralRequest/${ubrn}`,
      headers: ERS_HEADERS,
      status: 200,
      expect: ["id", ubrn],
    }),
  ),
  { api: "e-RS", name: "A005 unknown UBRN", path: `${NHS_APIS.ers.basePath}/STU3/ReferralRequest/000000070099`, headers: ERS_HEADERS, status: 422 },
  {
    api: "e-RS",
    name: "A041 referral",
    path: `${NHS_APIS.ers.basePath}/R4/ServiceRequest?identifier=000000070000`,
    headers: ERS_HEADERS,
    status: 200,
    expect: ["total", 1],
  },
  {
    api: "e-RS",
    name: "A041 empty",
    path: `${NHS_APIS.ers.basePath}/R4/ServiceRequest?identifier=000000070003`,
    headers: ERS_HEADERS,
    status: 200,
    expect: ["total", 0],
  },
  { api: "e-RS", name: "A030 roles", path: `${NHS_APIS.ers.basePath}/R4/PractitionerRole`, status: 200, expect: ["total", 2] },
  {
    api: "e-RS",
    name: "A004 specialty",
    path: `${NHS_APIS.ers.basePath}/STU3/CodeSystem/SPECIALTY`,
    headers: ERS_HEADERS,
    status: 200,
    expect: ["resourceType", "CodeSystem"],
  },
  { api: "e-RS", name: "A042 attachment", path: `${NHS_APIS.ers.basePath}/R4/Binary/${uuid()}`, headers: ERS_HEADERS, status: 307, fhir: false },
  { api: "e-RS", name: "no business function", path: `${NHS_APIS.ers.basePath}/STU3/ReferralRequest/000000070000`, status: 403 },
  // BaRS
  {
    api: "BaRS",
    name: "example appointment",
    path: `${NHS_APIS.bars.basePath}/Appointment/c3f6145e-1a26-4345-b3f2-dccbcba62049`,
    headers: BARS_HEADERS,
    status: 200,
    expect: ["resourceType", "Appointment"],
  },
  {
    api: "BaRS",
    name: "example service request",
    path: `${NHS_APIS.bars.basePath}/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049`,
    headers: BARS_HEADERS,
    status: 200,
    expect: ["resourceType", "ServiceRequest"],
  },
  {
    api: "BaRS",
    name: "other appointment",
    path: `${NHS_APIS.bars.basePath}/Appointment/${uuid()}`,
    headers: BARS_HEADERS,
    status: 404,
    expect: ["issue.0.details.coding.0.code", "REC_NOT_FOUND"],
  },
  {
    api: "BaRS",
    name: "unknown target",
    path: `${NHS_APIS.bars.basePath}/Appointment/c3f6145e-1a26-4345-b3f2-dccbcba62049`,
    headers: { ...BARS_HEADERS, "nhsd-target-identifier": b64({ system: "x", value: "y" }) },
    status: 404,
    expect: ["issue.0.details.coding.0.code", "PROXY_NOT_FOUND"],
  },
  {
    api: "BaRS",
    name: "error target 503",
    path: `${NHS_APIS.bars.basePath}/Appointment/c3f6145e-1a26-4345-b3f2-dccbcba62049`,
    headers: { ...BARS_HEADERS, "nhsd-target-identifier": b64({ system: "tests", value: "NHS0001-503" }) },
    status: 503,
  },
  { api: "BaRS", name: "metadata", path: `${NHS_APIS.bars.basePath}/metadata`, status: 200, expect: ["resourceType", "CapabilityStatement"] },
  // Immunisation
  {
    api: "Imms",
    name: "history for 9000000009",
    path: `${NHS_APIS.immunisation.basePath}/Immunization?patient.identifier=${nhs("9000000009")}&-immunization.target=COVID`,
    status: 200,
    expect: ["total", 1],
  },
  {
    api: "Imms",
    name: "read example",
    path: `${NHS_APIS.immunisation.basePath}/Immunization/12a33650-6f94-4e8f-a971-1c5c41da5b22`,
    status: 200,
    expect: ["resourceType", "Immunization"],
  },
  { api: "Imms", name: "missing required field", path: `${NHS_APIS.immunisation.basePath}/Immunization?patient.identifier=${nhs("9000000009")}`, status: 400 },
  // NRL
  {
    api: "NRL",
    name: "pointers for 9000000017 at Y05868",
    path: `${NHS_APIS.nrl.basePath}/DocumentReference?subject:identifier=${nhs("9000000017")}`,
    headers: { "nhsd-end-user-organisation-ods": "Y05868" },
    status: 200,
    expect: ["total", 2],
  },
  {
    api: "NRL",
    name: "read example",
    path: `${NHS_APIS.nrl.basePath}/DocumentReference/Y05868-1234567892`,
    headers: { "nhsd-end-user-organisation-ods": "Y05868" },
    status: 200,
    expect: ["id", "Y05868-1234567892"],
  },
  { api: "NRL", name: "missing ODS header", path: `${NHS_APIS.nrl.basePath}/DocumentReference?subject:identifier=${nhs("9000000017")}`, status: 400 },
  {
    api: "NRL",
    name: "unknown ODS",
    path: `${NHS_APIS.nrl.basePath}/DocumentReference?subject:identifier=${nhs("9000000017")}`,
    headers: { "nhsd-end-user-organisation-ods": "Z99999" },
    status: 403,
    expect: ["issue.0.diagnostics", "Provided ODS code has no pointers within requesting app"],
  },
  // Directories
  { api: "ODS", name: "Y12345", path: `${NHS_APIS.ods.basePath}/Organization/Y12345`, status: 200, expect: ["name", "TREVELYAN SQUARE SURGERY"] },
  { api: "DoHS", name: "wrong api-version", path: `${NHS_APIS["service-search"].basePath}/?api-version=2&search=Y12345`, status: 404, fhir: false },
  {
    api: "DoHS",
    name: "by ODS code",
    path: `${NHS_APIS["service-search"].basePath}/?api-version=3&search=Y12345&searchFields=ODSCode`,
    status: 200,
    expect: ["value.0.ODSCode", "Y12345"],
    fhir: false,
  },
  {
    api: "SDS",
    name: "YES endpoint",
    path: `${NHS_APIS.sds.basePath}/Endpoint?organization=${encodeURIComponent("https://fhir.nhs.uk/Id/ods-organization-code|YES")}&identifier=${encodeURIComponent("https://fhir.nhs.uk/Id/nhsServiceInteractionId|urn:nhs:names:services:psis:REPC_IN150016UK05")}`,
    status: 200,
    expect: ["entry.0.resource.identifier.1.value", "YES-0000806"],
  },
  {
    api: "SDS",
    name: "X26 device",
    path: `${NHS_APIS.sds.basePath}/Device?organization=${encodeURIComponent("https://fhir.nhs.uk/Id/ods-organization-code|X26")}&identifier=${encodeURIComponent("https://fhir.nhs.uk/Id/nhsServiceInteractionId|urn:nhs:names:services:gp2gp:COPC_IN000001UK01")}`,
    status: 200,
    expect: ["entry.0.resource.id", "918999199246"],
  },
];

function at(body: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);
}

describe("NHS sandbox scenarios, replayed over HTTP", () => {
  it.each(SCENARIOS.map((scenario) => [`${scenario.api}: ${scenario.name}`, scenario] as const))("%s", async (_label, scenario) => {
    const requestId = uuid();
    const response = await fetch(`${origin}${scenario.path}`, {
      method: scenario.method ?? "GET",
      headers: { "x-request-id": requestId, ...scenario.headers },
      redirect: "manual",
    });
    expect(response.status).toBe(scenario.status);
    if (!scenario.headers?.["x-request-id"]) expect(response.headers.get("x-request-id")).toBe(requestId);
    if (response.status === 307) {
      expect(response.headers.get("location")).toMatch(/^http/);
      return;
    }
    const body = await response.json();
    if (scenario.expect) expect(at(body, scenario.expect[0])).toEqual(scenario.expect[1]);
    if (scenario.fhir !== false) {
      expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
      expect(fhirProblems(body)).toEqual([]);
    }
  });
});

describe("fault injection over HTTP", () => {
  const patientUrl = () => `${origin}${NHS_APIS.pds.basePath}/Patient/9000000009`;
  const inject = (fault: Record<string, unknown>) =>
    fetch(`${origin}/_stand-in/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });

  it("forces a status with Retry-After, mirroring the request ID", async () => {
    await inject({ target: "pds", status: 503, retryAfterSeconds: 5, times: 1 });
    const requestId = uuid();
    const response = await fetch(patientUrl(), { headers: { "x-request-id": requestId } });
    expect([response.status, response.headers.get("retry-after"), response.headers.get("x-request-id")]).toEqual([503, "5", requestId]);
    expect((await fetch(patientUrl(), { headers: { "x-request-id": uuid() } })).status).toBe(200);
  });

  it("adds latency, then answers normally", async () => {
    await inject({ target: "pds", kind: "latency", latencyMs: 300, times: 1 });
    const started = performance.now();
    const response = await fetch(patientUrl(), { headers: { "x-request-id": uuid() } });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("sends malformed JSON, an HTML error page, and the wrong content type", async () => {
    await inject({ target: "pds", kind: "malformed-json", times: 1 });
    await expect((await fetch(patientUrl(), { headers: { "x-request-id": uuid() } })).json()).rejects.toThrow();
    await inject({ target: "pds", kind: "html", times: 1 });
    const html = await fetch(patientUrl(), { headers: { "x-request-id": uuid() } });
    expect([html.status, html.headers.get("content-type")]).toEqual([502, "text/html"]);
    await inject({ target: "pds", kind: "wrong-content-type", times: 1 });
    expect((await fetch(patientUrl(), { headers: { "x-request-id": uuid() } })).headers.get("content-type")).toBe("text/plain");
  });

  it("drops the connection, and holds one open past the caller's timeout", async () => {
    await inject({ target: "pds", kind: "reset", times: 1 });
    await expect(fetch(patientUrl(), { headers: { "x-request-id": uuid() } })).rejects.toThrow();
    await inject({ target: "pds", kind: "timeout", times: 1 });
    await expect(fetch(patientUrl(), { headers: { "x-request-id": uuid() }, signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|aborted/i);
  });

  it("acts on a write and then loses the answer: the caller sees a dropped connection, the write stands", async () => {
    const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
    const headers = {
      "x-correlation-id": uuid(),
      "content-type": "application/fhir+json",
      "nhsd-target-identifier": base64({ system: "https://fhir.nhs.uk/Id/dos-service-id", value: "2000070016" }),
      "nhsd-requesting-software": base64({ resourceType: "Device" }),
      "nhsd-end-user-organisation": base64({ resourceType: "Organization" }),
    };
    const serviceRequestId = uuid();
    const message = {
      resourceType: "Bundle",
      id: uuid(),
      type: "message",
      entry: [
        { resource: { resourceType: "MessageHeader", id: uuid(), eventCoding: { code: "servicerequest-request" } } },
        { resource: { resourceType: "ServiceRequest", id: serviceRequestId, status: "active", intent: "plan" } },
        { resource: { resourceType: "Patient", identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9693632109" }] } },
      ],
    };
    await inject({ target: "bars", kind: "lost-response", times: 1 });
    await expect(
      fetch(`${origin}${NHS_APIS.bars.basePath}/$process-message`, {
        method: "POST",
        headers: { ...headers, "x-request-id": uuid() },
        body: JSON.stringify(message),
      }),
    ).rejects.toThrow();
    const held = await fetch(`${origin}${NHS_APIS.bars.basePath}/ServiceRequest/${serviceRequestId}`, { headers: { ...headers, "x-request-id": uuid() } });
    expect(held.status).toBe(200);
  });

  it("logs each request by route pattern, never with an NHS number", async () => {
    await fetch(`${origin}/_stand-in/requests`, { method: "DELETE" });
    await fetch(patientUrl(), { headers: { "x-request-id": uuid() } });
    const { requests } = await (await fetch(`${origin}/_stand-in/requests`)).json();
    const patientCall = requests.find((entry: { route: string }) => entry.route.startsWith(`${NHS_APIS.pds.basePath}/Patient`));
    expect(patientCall.route).toBe(`${NHS_APIS.pds.basePath}/Patient/:id`);
    expect(JSON.stringify(requests)).not.toContain("9000000009");
  });
});
