import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { expectFhir } from "../testing/fhir-r4";
import { buildTestSandbox, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await buildTestSandbox();
});
afterAll(() => sandbox.app.close());

const BASE = NHS_APIS.scr.basePath;
const headers = () => ({ "x-request-id": uuid(), "nhsd-session-urid": "656014452101" });
const patientParam = (nhsNumber: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`);

async function get(url: string) {
  const response = await sandbox.app.inject({ method: "GET", url: `${BASE}${url}`, headers: headers() });
  return { status: response.statusCode, body: response.json() };
}

async function post(url: string, body: unknown) {
  const response = await sandbox.app.inject({
    method: "POST",
    url: `${BASE}${url}`,
    headers: { ...headers(), "content-type": "application/fhir+json" },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

const latestScrId = async (nhsNumber: string) =>
  get(`/DocumentReference?patient=${patientParam(nhsNumber)}&type=${encodeURIComponent("http://snomed.info/sct|196981000000101")}&_sort=date&_count=1`);

describe("stand-in SCR: latest SCR id", () => {
  it("finds 9000000009's SCR with its consent in the security label", async () => {
    const response = await latestScrId("9000000009");
    expect(response.status).toBe(200);
    expectFhir(response.body, "Bundle");
    const documentReference = response.body.entry[0].resource;
    expect(documentReference.masterIdentifier.value).toBe("FA60BE64-1F34-11EB-A2A8-000C29A364EB");
    expect(documentReference.securityLabel[0].coding[0]).toEqual({ system: "https://fhir.nhs.uk/CodeSystem/SCR-ACSPermission", code: "Ask" });
  });

  it("answers 9000000033 with an empty Bundle, and other patients with 403 (no consent)", async () => {
    const empty = await latestScrId("9000000033");
    expect([empty.status, empty.body.total]).toEqual([200, 0]);
    expectFhir(empty.body, "Bundle");
    const refused = await latestScrId("9000000025");
    expect(refused.status).toBe(403);
    expectFhir(refused.body, "OperationOutcome");
    expect(refused.body.issue[0].code).toBe("forbidden");
  });

  it("refuses a malformed patient parameter", async () => {
    const response = await get(`/DocumentReference?patient=${patientParam("INVALID")}`);
    expect(response.status).toBe(400);
    expectFhir(response.body, "OperationOutcome");
  });
});

describe("stand-in SCR: the record", () => {
  it("returns the full SCR for the latest id, with medications and allergies in its sections", async () => {
    const response = await get(
      `/Bundle?composition.identifier=FA60BE64-1F34-11EB-A2A8-000C29A364EB&composition.subject:Patient.identifier=${patientParam("9000000009")}`,
    );
    expect(response.status).toBe(200);
    expectFhir(response.body, "Bundle");
    const composition = response.body.entry[0].resource;
    const sections = Object.fromEntries(
      composition.section.map((section: { code: { coding: Array<{ code: string }> }; text: { div: string } }) => [
        section.code.coding[0].code,
        section.text.div,
      ]),
    );
    expect(sections.AllergiesHeader).toContain("Toxic reaction to wasp sting");
    expect(sections.RepeatMedsHeader).toContain("Paracetamol 250mg/5ml oral suspension sugar free");
    expect(sections.AcuteMedsHeader).toContain("Chlorphenamine 2mg/5ml oral solution");
    expect(sections.DiscRepeatMedsHeader).toContain("No relevant information available for this category.");
    const organisation = response.body.entry.find((entry: { resource: { resourceType: string } }) => entry.resource.resourceType === "Organization").resource;
    expect(organisation.name).toBe("Trevelyan Square Surgery");
  });

  it("answers an out-of-date SCR id with an empty Bundle", async () => {
    const response = await get(
      `/Bundle?composition.identifier=81CC2DA0-8882-11EB-B538-0800200C9A66&composition.subject:Patient.identifier=${patientParam("9000000009")}`,
    );
    expect([response.status, response.body.total]).toEqual([200, 0]);
  });

  it("carries additional information for a patient who agreed to it", async () => {
    const id = (await latestScrId("9693632109")).body.entry[0].resource.masterIdentifier.value;
    const response = await get(`/Bundle?composition.identifier=${id}&composition.subject:Patient.identifier=${patientParam("9693632109")}`);
    const titles = response.body.entry[0].resource.section.map((section: { title: string }) => section.title);
    expect(titles).toEqual(expect.arrayContaining(["Risks to Patient", "Personal Preferences"]));
  });
});

describe("stand-in SCR: permission and privacy alerts", () => {
  const setPermission = (nhsNumber: string, permissionCode: string) =>
    post("/$setPermission", {
      resourceType: "Parameters",
      parameter: [
        {
          name: "setPermissions",
          part: [
            { name: "nhsNumber", valueString: nhsNumber },
            { name: "permissionCode", valueCoding: { system: "https://fhir.nhs.uk/CodeSystem/SCR-ACSPermission", code: permissionCode } },
          ],
        },
      ],
    });

  it("records permission to view, and the next lookup shows it", async () => {
    expect((await setPermission("9000000009", "Yes")).status).toBe(201);
    expect((await latestScrId("9000000009")).body.entry[0].resource.securityLabel[0].coding[0].code).toBe("Yes");
  });

  it("refuses permission for an unknown or malformed NHS number", async () => {
    expect((await setPermission("9111231130", "Yes")).status).toBe(400);
    expect((await setPermission("123", "Yes")).status).toBe(400);
    expect((await setPermission("9000000009", "Maybe")).status).toBe(400);
  });

  it("accepts a privacy alert for emergency access and keeps it for inspection", async () => {
    const alert = {
      resourceType: "AuditEvent",
      type: { system: "https://fhir.nhs.uk/CodeSystem/SCR-AlertType", code: "2", display: "Access Alert" },
      subtype: [{ system: "https://fhir.nhs.uk/CodeSystem/SCR-AlertReason", code: "5", display: "Access made in an Emergency" }],
      recorded: "2026-11-21T10:00:00+00:00",
      outcomeDesc: "Patient unconscious",
      agent: [
        { who: { identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9000000009" } }, requestor: false },
        { who: { identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "Y12345" } }, requestor: false },
      ],
      source: { observer: { identifier: { system: "https://fhir.nhs.uk/Id/nhsSpineASID", value: "200000000000" } } },
    };
    const response = await post("/AuditEvent", alert);
    expect(response.status).toBe(201);
    expectFhir(response.body, "AuditEvent");
    expect(sandbox.scr.alerts).toHaveLength(1);
    expect(sandbox.scr.alerts[0]).toMatchObject({
      nhsNumber: "9000000009",
      alertType: "2",
      reasonCode: "5",
      reason: "Patient unconscious",
      sessionUrid: "656014452101",
    });
    expect((await post("/AuditEvent", { ...alert, subtype: [{ ...alert.subtype[0], code: "Patient unconscious" }] })).status).toBe(400);
    expect((await post("/AuditEvent", { ...alert, agent: [...alert.agent.slice(0, 1), { ...alert.agent[1], requestor: true }] })).status).toBe(400);
    const noPatient = await post("/AuditEvent", { ...alert, agent: alert.agent.slice(1) });
    expect(noPatient.status).toBe(400);
  });
});
