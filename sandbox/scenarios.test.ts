/**
 * The scenarios ../shared/reference/nhs-apis.md names, replayed over HTTP against a listening stand-in:
 * status, a key field, the mirrored request ID, (for FHIR APIs) a valid R4 body, and that the response
 * keeps to the API's published OpenAPI spec, as does the request unless the scenario is about one that does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { fhirProblems } from "./testing/fhir-r4";
import { listeningTestSandbox, uuid } from "./testing/support";
import { NHS_APIS } from "../lib/nhs/catalogue";
import { nhsSpecsDir } from "./contract/specs";

let sandbox: Sandbox;
let origin: string;

beforeAll(async () => {
  ({ sandbox, origin } = await listeningTestSandbox({ contractSpecsDir: nhsSpecsDir() }));
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
const CPT_HEADERS = { "nhsd-session-urid": "656005754108", "nhsd-organization-uuid": "656005754107", "nhsd-session-jobrole": "S0030:G0100:R0570" };

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
  /** The request itself departs from the API's spec, on purpose: the contract check must say so. */
  offSpecRequest?: true;
}

/** A scenario within one API: name, path below the API's base path, status, what the body must show, and anything else it needs. */
type Row = [name: string, path: string, status: number, expected?: Scenario["expect"], more?: Pick<Scenario, "headers" | "fhir" | "offSpecRequest">];

/** One API's scenarios: its label and base path, and the headers each request sends unless its row says otherwise. */
function scenarios(api: string, basePath: string, headers: Record<string, string> | undefined, rows: Row[]): Scenario[] {
  return rows.map(([name, path, status, expected, more]) => ({ api, name, path: `${basePath}${path}`, headers, status, expect: expected, ...more }));
}

/** What an OperationOutcome's first issue says: its NHS error code, or its FHIR issue type. */
const errorCode = (code: string): [string, string] => ["issue.0.details.coding.0.code", code];
const issueCode = (code: string): [string, string] => ["issue.0.code", code];
/** For a row that sends none of its API's usual headers. */
const NO_HEADERS = { headers: undefined };
const OFF_SPEC = { offSpecRequest: true } as const;

const sdsOrganisation = (odsCode: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/ods-organization-code|${odsCode}`);
const sdsInteraction = (interaction: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${interaction}`);

const SCENARIOS: Scenario[] = [
  ...scenarios("PDS", NHS_APIS.pds.basePath, undefined, [
    // retrieve
    ["retrieve 9000000009", "/Patient/9000000009", 200, ["name.0.family", "Smith"]],
    ["restricted 9000000025", "/Patient/9000000025", 200, ["meta.security.0.code", "R"]],
    ["minimal 9000000033", "/Patient/9000000033", 200, ["id", "9000000033"]],
    ["Bill Garton 9693632109", "/Patient/9693632109", 200, ["name.0.family", "GARTON"]],
    ["not found 9111231130", "/Patient/9111231130", 404, errorCode("RESOURCE_NOT_FOUND")],
    ["invalid 9000000000", "/Patient/9000000000", 400, errorCode("INVALID_RESOURCE_ID")],
    ["superseded answers with the new record", "/Patient/9732019387", 200, ["id", "9732019395"]],
    ["invalidated", "/Patient/9000000068", 404, errorCode("INVALIDATED_RESOURCE")],
    ["X-Request-ID not a UUID", "/Patient/9000000009", 400, errorCode("INVALID_VALUE"), { headers: { "x-request-id": "1234" }, ...OFF_SPEC }],
    ["malformed bearer", "/Patient/9000000009", 401, errorCode("ACCESS_DENIED"), { headers: { authorization: "Basic x" } }],
    // search
    ["search: Jane Smith", "/Patient?family=Smith&gender=female&birthdate=eq2010-10-22", 200, ["entry.0.resource.id", "9000000009"]],
    ["search: too many matches", "/Patient?family=YOUDS&birthdate=eq1970-01-24&_max-results=1", 200, errorCode("TOO_MANY_MATCHES")],
    ["search: no parameters", "/Patient", 400, errorCode("UNSUPPORTED_SERVICE")],
    ["related people of 9000000009", "/Patient/9000000009/RelatedPerson", 200, ["total", 2]],
  ]),
  ...scenarios("SCR", NHS_APIS.scr.basePath, undefined, [
    [
      "latest SCR id",
      `/DocumentReference?patient=${nhs("9000000009")}`,
      200,
      ["entry.0.resource.masterIdentifier.value", "FA60BE64-1F34-11EB-A2A8-000C29A364EB"],
    ],
    ["no SCR for 9000000033", `/DocumentReference?patient=${nhs("9000000033")}`, 200, ["total", 0]],
    ["no consent", `/DocumentReference?patient=${nhs("9111231130")}`, 403, issueCode("forbidden")],
    ["invalid NHS number", "/DocumentReference?patient=INVALID", 400, issueCode("invalid")],
    [
      "the SCR",
      `/Bundle?composition.identifier=FA60BE64-1F34-11EB-A2A8-000C29A364EB&composition.subject:Patient.identifier=${nhs("9000000009")}`,
      200,
      ["entry.0.resource.resourceType", "Composition"],
    ],
    [
      "an out-of-date SCR id",
      `/Bundle?composition.identifier=81CC2DA0-8882-11EB-B538-0800200C9A66&composition.subject:Patient.identifier=${nhs("9000000033")}`,
      200,
      ["total", 0],
    ],
  ]),
  ...scenarios("EPS", NHS_APIS.eps.basePath, CPT_HEADERS, [
    ["search by NHS number", "/RequestGroup?nhsNumber=9000000009", 200, ["total", 3]],
    ["no prescriptions", "/RequestGroup?nhsNumber=9000000033", 200, ["total", 0]],
    ["unknown prescription", "/RequestGroup/622F04-A83008-A691D5", 404, issueCode("not-found")],
    ["bad check character", "/RequestGroup/622F04-A83008-A691D6", 400, issueCode("value")],
  ]),
  ...scenarios("e-RS", NHS_APIS.ers.basePath, ERS_HEADERS, [
    ...["000000070000", "000000070001", "000000070002", "000000070003", "000000070004", "000000070005", "000000070011", "000000070012"].map(
      (ubrn): Row => [`A005 ${ubrn}`, `/STU3/ReferralRequest/${ubrn}`, 200, ["id", ubrn]],
    ),
    ["A005 unknown UBRN", "/STU3/ReferralRequest/000000070099", 422],
    ["A041 referral", "/R4/ServiceRequest?identifier=000000070000", 200, ["total", 1]],
    ["A041 empty", "/R4/ServiceRequest?identifier=000000070003", 200, ["total", 0]],
    ["A030 roles", "/R4/PractitionerRole", 200, ["total", 2], NO_HEADERS],
    ["A004 specialty", "/STU3/CodeSystem/SPECIALTY", 200, ["resourceType", "CodeSystem"]],
    ["A042 attachment", `/R4/Binary/${uuid()}`, 307, undefined, { fhir: false }],
    ["no business function", "/STU3/ReferralRequest/000000070000", 403, undefined, NO_HEADERS],
  ]),
  ...scenarios("BaRS", NHS_APIS.bars.basePath, BARS_HEADERS, [
    ["example appointment", "/Appointment/c3f6145e-1a26-4345-b3f2-dccbcba62049", 200, ["resourceType", "Appointment"]],
    ["example service request", "/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049", 200, ["resourceType", "ServiceRequest"]],
    ["other appointment", `/Appointment/${uuid()}`, 404, errorCode("REC_NOT_FOUND")],
    [
      "unknown target",
      "/Appointment/c3f6145e-1a26-4345-b3f2-dccbcba62049",
      404,
      errorCode("PROXY_NOT_FOUND"),
      { headers: { ...BARS_HEADERS, "nhsd-target-identifier": b64({ system: "x", value: "y" }) } },
    ],
    [
      "error target 503",
      "/Appointment/c3f6145e-1a26-4345-b3f2-dccbcba62049",
      503,
      undefined,
      { headers: { ...BARS_HEADERS, "nhsd-target-identifier": b64({ system: "tests", value: "NHS0001-503" }) } },
    ],
    ["metadata", "/metadata", 200, ["resourceType", "CapabilityStatement"]],
  ]),
  ...scenarios("Imms", NHS_APIS.immunisation.basePath, undefined, [
    ["history for 9000000009", `/Immunization?patient.identifier=${nhs("9000000009")}&-immunization.target=COVID`, 200, ["total", 1]],
    ["read example", "/Immunization/12a33650-6f94-4e8f-a971-1c5c41da5b22", 200, ["resourceType", "Immunization"]],
    // the spec marks neither -immunization.target nor target-disease required (one of them is), so the contract check cannot say
    ["missing required field", `/Immunization?patient.identifier=${nhs("9000000009")}`, 400],
  ]),
  ...scenarios("NRL", NHS_APIS.nrl.basePath, { "nhsd-end-user-organisation-ods": "Y05868" }, [
    ["pointers for 9000000017 at Y05868", `/DocumentReference?subject:identifier=${nhs("9000000017")}`, 200, ["total", 2]],
    ["read example", "/DocumentReference/Y05868-1234567892", 200, ["id", "Y05868-1234567892"]],
    ["missing ODS header", `/DocumentReference?subject:identifier=${nhs("9000000017")}`, 400, undefined, { ...NO_HEADERS, ...OFF_SPEC }],
    [
      "unknown ODS",
      `/DocumentReference?subject:identifier=${nhs("9000000017")}`,
      403,
      ["issue.0.diagnostics", "Provided ODS code has no pointers within requesting app"],
      { headers: { "nhsd-end-user-organisation-ods": "Z99999" } },
    ],
  ]),
  // Directories
  ...scenarios("ODS", NHS_APIS.ods.basePath, undefined, [["Y12345", "/Organization/Y12345", 200, ["name", "TREVELYAN SQUARE SURGERY"]]]),
  ...scenarios("DoHS", NHS_APIS["service-search"].basePath, undefined, [
    ["wrong api-version", "/?api-version=2&search=Y12345", 404, undefined, { fhir: false }],
    ["by ODS code", "/?api-version=3&search=Y12345&searchFields=ODSCode", 200, ["value.0.ODSCode", "Y12345"], { fhir: false }],
  ]),
  ...scenarios("SDS", NHS_APIS.sds.basePath, { apikey: "scenario-api-key" }, [
    [
      "YES endpoint",
      `/Endpoint?organization=${sdsOrganisation("YES")}&identifier=${sdsInteraction("urn:nhs:names:services:psis:REPC_IN150016UK05")}`,
      200,
      ["entry.0.resource.identifier.1.value", "YES-0000806"],
    ],
    [
      "X26 device",
      `/Device?organization=${sdsOrganisation("X26")}&identifier=${sdsInteraction("urn:nhs:names:services:gp2gp:COPC_IN000001UK01")}`,
      200,
      ["entry.0.resource.identifier.0.value", "918999199246"],
    ],
  ]),
];

function at(body: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);
}

/** What the contract check found in one exchange that no reviewed exception covers, by direction. */
async function contractViolations(requestId: string) {
  const contract = sandbox.contract!;
  await contract.idle();
  const found = (contract.violationsFor(requestId) ?? []).filter((violation) => !contract.exceptionFor(violation));
  const describe = (violation: (typeof found)[number]) =>
    `${violation.operation} ${violation.status ?? ""} ${violation.pointer} ${violation.rule}: ${violation.message}`;
  return {
    request: found.filter((violation) => violation.direction === "request").map(describe),
    response: found.filter((violation) => violation.direction === "response").map(describe),
  };
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
    const contract = await contractViolations(scenario.headers?.["x-request-id"] ?? requestId);
    expect(contract.response, "the response departs from the API's published spec").toEqual([]);
    if (scenario.offSpecRequest) expect(contract.request, "the contract check misses what is wrong with the request").not.toEqual([]);
    else expect(contract.request, "the request departs from the API's published spec").toEqual([]);
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
