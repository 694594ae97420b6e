import { describe, expect, it } from "vitest";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();

const BASE = NHS_APIS.immunisation.basePath;
const patient = (nhsNumber: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`);

async function get(url: string) {
  const response = await sandbox.app.inject({ method: "GET", url: `${BASE}${url}`, headers: { "x-request-id": uuid() } });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

describe("stand-in Immunisation API", () => {
  it("finds 9000000009's immunisation history by vaccine type", async () => {
    const response = await get(`/Immunization?patient.identifier=${patient("9000000009")}&-immunization.target=COVID,FLU&_include=Immunization:patient`);
    expect(response.status).toBe(200);
    expectFhir(response.body, "Bundle");
    const immunizations = response.body.entry.filter((entry: { search: { mode: string } }) => entry.search.mode === "match");
    expect(immunizations).toHaveLength(2);
    expect(response.body.entry.some((entry: { resource: { resourceType: string } }) => entry.resource.resourceType === "Patient")).toBe(true);
  });

  it("filters by vaccine type and date range, newest first", async () => {
    const flu = await get(`/Immunization?patient.identifier=${patient("9693632109")}&-immunization.target=FLU`);
    expect(flu.body.entry.map((entry: { resource: { occurrenceDateTime: string } }) => entry.resource.occurrenceDateTime.slice(0, 10))).toEqual([
      "2026-10-09",
      "2025-10-13",
    ]);
    const recent = await get(
      `/Immunization?patient.identifier=${patient("9693632109")}&-immunization.target=FLU,COVID,PNEUMOCOCCAL,SHINGLES&-date.from=2025-01-01`,
    );
    expect(recent.body.total).toBe(3);
    const byDisease = await get(
      `/Immunization?patient.identifier=${patient("9693632109")}&target-disease=${encodeURIComponent("http://snomed.info/sct|4740000")}`,
    );
    expect(byDisease.body.entry[0].resource.vaccineCode.coding[0].display).toContain("Shingrix");
  });

  it("tells no records (an empty searchset) from a bad request (400)", async () => {
    const none = await get(`/Immunization?patient.identifier=${patient("9000000033")}&-immunization.target=MMR`);
    expect([none.status, none.body.total]).toEqual([200, 0]);
    for (const url of [
      `/Immunization?patient.identifier=${patient("9000000009")}`,
      `/Immunization?-immunization.target=FLU`,
      `/Immunization?patient.identifier=${patient("9000000000")}&-immunization.target=FLU`,
      `/Immunization?patient.identifier=${patient("9000000009")}&-immunization.target=SMALLPOX`,
      `/Immunization?patient.identifier=${patient("9000000009")}&-immunization.target=FLU&-date.from=yesterday`,
    ]) {
      const response = await get(url);
      expect(response.status).toBe(400);
      expectFhir(response.body, "OperationOutcome");
    }
  });

  it("reads one record with its version in E-Tag, and 404s an unknown one", async () => {
    const read = await get("/Immunization/12a33650-6f94-4e8f-a971-1c5c41da5b22");
    expect(read.status).toBe(200);
    expect(read.headers["e-tag"]).toBe("1");
    expectFhir(read.body, "Immunization");
    const missing = await get("/Immunization/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect((await get("/Immunization/not-an-id")).status).toBe(400);
  });

  it("searches by POST with a form body too", async () => {
    const response = await sandbox.app.inject({
      method: "POST",
      url: `${BASE}/Immunization/_search`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ "patient.identifier": "https://fhir.nhs.uk/Id/nhs-number|9693632109", "-immunization.target": "SHINGLES" }).toString(),
    });
    expect(response.json().total).toBe(1);
  });
});
