import { describe, expect, it } from "vitest";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { buildTestSandbox, testSandboxPerFile } from "../testing/support";

const BASE = NHS_APIS["nhs-app"].basePath;
const sandbox = testSandboxPerFile();

function request(overrides: Record<string, unknown> = {}) {
  return {
    resourceType: "CommunicationRequest",
    identifier: [{ system: "https://fhir.nhs.uk/NHSApp/request-id", value: crypto.randomUUID() }],
    status: "active",
    payload: [{ contentString: "You have been referred." }],
    recipient: [{ type: "Patient", identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000009" } }],
    requester: { type: "Organization", identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "Y12345" } },
    ...overrides,
  };
}

const send = (body: unknown) =>
  sandbox.app.inject({ method: "POST", url: `${BASE}/communication/in-app/FHIR/R4/CommunicationRequest`, payload: body as object });

describe("stand-in NHS App API: CommunicationRequest validated as the spec says", () => {
  it.each([
    ["no recipient", request({ recipient: [] }), "Not specified", "recipient"],
    ["two recipients", request({ recipient: [request().recipient[0], request().recipient[0]] }), "Exceeds maximum length", "recipient"],
    [
      "an invalid NHS number",
      request({ recipient: [{ identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000000" } }] }),
      "NHS Number is invalid",
      "recipient[0].identifier.value",
    ],
    [
      "a requester that is not an ODS code",
      request({ requester: { identifier: { system: "https://example.org", value: "Y12345" } } }),
      "Identifier system is invalid",
      "requester.identifier.system",
    ],
    ["a message over 5,000 characters", request({ payload: [{ contentString: "x".repeat(5001) }] }), "Exceeds maximum length", "payload[0].contentString"],
    ["HTML in the message", request({ payload: [{ contentString: "Hi <script>x</script>" }] }), "Must not contain HTML", "payload[0].contentString"],
  ])("400 for %s", async (_name, body, diagnostics, expression) => {
    const response = await send(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().issue[0]).toMatchObject({ severity: "error", code: "invalid", diagnostics, expression: [expression] });
  });

  it("400 for another resource type, with the API's own wording", async () => {
    const response = await send(request({ resourceType: "Patient" }));
    expect(response.json().issue[0].diagnostics).toContain("Cannot locate type information for type 'patient'");
  });

  it("201 with the communication id, and the day's receipts report needs a valid day", async () => {
    const response = await send(request());
    expect(response.statusCode).toBe(201);
    expect(response.json().identifier[0].system).toBe("https://fhir.nhs.uk/Id/nhs-app-communication-id");
    expect(sandbox.nhsApp.sent).toHaveLength(1);
    expect((await sandbox.app.inject({ method: "GET", url: `${BASE}/communication/report/receipts/FHIR/R4/Task` })).statusCode).toBe(400);
    expect((await sandbox.app.inject({ method: "GET", url: `${BASE}/communication/report/receipts/FHIR/R4/Task?day=2026-13-45` })).statusCode).toBe(400);
  });

  it("demands an application-restricted token in integration mode", async () => {
    const integration = await buildTestSandbox({ mode: "integration" });
    try {
      const response = await integration.app.inject({ method: "POST", url: `${BASE}/communication/in-app/FHIR/R4/CommunicationRequest`, payload: request() });
      expect(response.statusCode).toBe(401);
    } finally {
      await integration.app.close();
    }
  });
});
