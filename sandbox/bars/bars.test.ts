import { describe, expect, it } from "vitest";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();

const BASE = NHS_APIS.bars.basePath;
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
const target = (system: string, value: string) => base64({ system, value });
const UTC = target("https://fhir.nhs.uk/Id/dos-service-id", "2000072489");

function headers(targetIdentifier: string | undefined = UTC): Record<string, string> {
  return {
    "x-request-id": uuid(),
    "x-correlation-id": uuid(),
    "nhsd-requesting-software": base64({ resourceType: "Device", deviceName: [{ name: "Care Record Viewer", type: "manufacturer-name" }] }),
    "nhsd-end-user-organisation": base64({
      resourceType: "Organization",
      identifier: [{ system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "Y12345" }],
    }),
    ...(targetIdentifier ? { "nhsd-target-identifier": targetIdentifier } : {}),
  };
}

async function call(method: "GET" | "POST" | "DELETE", url: string, headerValues = headers(), body?: unknown) {
  const response = await sandbox.app.inject({
    method,
    url: `${BASE}${url}`,
    headers: { ...headerValues, ...(body ? { "content-type": "application/fhir+json" } : {}) },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : null };
}

function referralMessage(bundleId = uuid(), serviceRequestId = uuid()) {
  return {
    resourceType: "Bundle",
    id: bundleId,
    type: "message",
    timestamp: new Date().toISOString(),
    entry: [
      {
        fullUrl: `urn:uuid:${uuid()}`,
        resource: {
          resourceType: "MessageHeader",
          id: uuid(),
          eventCoding: { system: "https://fhir.nhs.uk/CodeSystem/message-events-bars", code: "servicerequest-request" },
          source: { endpoint: "https://care-record-viewer.example.nhs.uk" },
          focus: [{ reference: `urn:uuid:${serviceRequestId}` }],
        },
      },
      {
        fullUrl: `urn:uuid:${serviceRequestId}`,
        resource: {
          resourceType: "ServiceRequest",
          id: serviceRequestId,
          status: "active",
          intent: "plan",
          subject: { identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9693632109" } },
          reasonCode: [{ text: "Hypoglycaemia, now recovered; needs same-day review" }],
        },
      },
      {
        fullUrl: `urn:uuid:${uuid()}`,
        resource: { resourceType: "Patient", identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9693632109" }] },
      },
    ],
  };
}

describe("stand-in BaRS: the platform's target checks", () => {
  it("refuses a malformed target (400), an unknown one (404 PROXY_NOT_FOUND), and missing headers (400)", async () => {
    expect((await call("GET", "/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049", headers("not base64 json"))).status).toBe(400);
    const unknown = await call("GET", "/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049", headers(target("https://fhir.nhs.uk/Id/dos-service-id", "1111")));
    expect([unknown.status, unknown.body.issue[0].details.coding[0].code]).toEqual([404, "PROXY_NOT_FOUND"]);
    const noSoftware = headers();
    delete noSoftware["nhsd-requesting-software"];
    expect((await call("GET", "/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049", noSoftware)).status).toBe(400);
  });

  it.each([400, 401, 403, 406, 408, 409, 422, 500, 501, 503, 504])("the error target NHS0001-%i answers %i with a REC OperationOutcome", async (status) => {
    const response = await call("GET", "/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049", headers(target("tests", `NHS0001-${status}`)));
    expect(response.status).toBe(status);
    expectFhir(response.body, "OperationOutcome");
    expect(response.body.issue[0].details.coding[0].code).toMatch(/^REC_/);
    if (status === 503) expect(response.headers["retry-after"]).toBe("5");
  });
});

describe("stand-in BaRS: referrals and appointments", () => {
  it("reads the NHS sandbox's example ServiceRequest and Appointments, and 404s others", async () => {
    expectFhir((await call("GET", "/ServiceRequest/c3f6145e-1a26-4345-b3f2-dccbcba62049")).body, "ServiceRequest");
    expectFhir((await call("GET", "/Appointment/91607239-b002-470a-8709-6b25bd50fdd1")).body, "Appointment");
    const missing = await call("GET", `/Appointment/${uuid()}`);
    expect([missing.status, missing.body.issue[0].details.coding[0].code]).toEqual([404, "REC_NOT_FOUND"]);
  });

  it("receives a referral once, lets it be read back, and refuses the same message again with 409", async () => {
    const message = referralMessage();
    const sent = await call("POST", "/$process-message", headers(), message);
    expect(sent.status).toBe(200);
    expectFhir(sent.body, "Bundle");
    expect(sent.body.entry[0].resource.response.code).toBe("ok");
    const serviceRequestId = message.entry[1].resource.id;
    const read = await call("GET", `/ServiceRequest/${serviceRequestId}`);
    expect(read.body.reasonCode[0].text).toBe("Hypoglycaemia, now recovered; needs same-day review");
    const forPatient = await call("GET", `/ServiceRequest?patient:identifier=${encodeURIComponent("https://fhir.nhs.uk/Id/nhs-number|9693632109")}`);
    expect(forPatient.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id)).toContain(serviceRequestId);
    const again = await call("POST", "/$process-message", headers(), message);
    expect([again.status, again.body.issue[0].details.coding[0].code]).toEqual([409, "REC_CONFLICT"]);
  });

  it("refuses a message that is not a referral or booking", async () => {
    expect((await call("POST", "/$process-message", headers(), { resourceType: "Bundle", type: "collection" })).status).toBe(400);
  });

  it("offers free slots with their schedule, and answers a wrong verb with 405 and Allow", async () => {
    const slots = await call("GET", "/Slot?status=free");
    expectFhir(slots.body, "Bundle");
    expect(slots.body.total).toBe(6);
    const wrongVerb = await call("GET", "/$process-message");
    expect([wrongVerb.status, wrongVerb.headers.allow]).toEqual([405, "POST"]);
  });

  it("describes itself", async () => {
    expectFhir((await call("GET", "/metadata")).body, "CapabilityStatement");
  });
});
