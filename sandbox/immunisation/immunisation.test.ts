import { describe, expect, it } from "vitest";
import { expectFhir } from "../testing/fhir-r4";
import { outcomeCode, testSandboxPerFile, uuid } from "../testing/support";
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

import { immunizationResource, type VaccinationRecordInput } from "../../lib/nhs/immunisation/resource";
import { REQUIRED_ELEMENTS } from "./writes";

function record(change: Partial<VaccinationRecordInput> = {}) {
  return immunizationResource({
    identifier: { system: "https://care-record-viewer.example.nhs.uk/identifiers/vaccination/Y12345", value: uuid() },
    vaccineType: "COVID",
    product: { code: "42985911000001104", display: "Comirnaty JN.1 COVID-19 mRNA Vaccine 30micrograms/0.3ml dose (Pfizer Ltd)" },
    batch: "FX1234",
    expiry: "2027-01-31",
    doseNumber: 2,
    dose: { value: 0.3, unit: "ml" },
    site: { code: "368209003", display: "Right upper arm structure" },
    route: { code: "78421000", display: "Intramuscular route" },
    occurredAt: "2026-10-01T09:30:00+01:00",
    recordedAt: "2026-10-01T09:35:00+01:00",
    organisation: { odsCode: "Y12345", name: "Trevelyan Square Surgery" },
    performer: { sdsUserId: "656005750104", family: "RAMAN", given: ["Priya"] },
    patient: { nhsNumber: "9000000009", family: "SMITH", given: ["Jane"], gender: "female", birthDate: "2010-10-22", postalCode: "LS1 6AE" },
    ...change,
  });
}

async function send(method: "POST" | "PUT" | "DELETE", url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await sandbox.app.inject({
    method,
    url: `${BASE}${url}`,
    headers: { "x-request-id": uuid(), ...(body === undefined ? {} : { "content-type": "application/fhir+json" }), ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : null };
}

async function created(body = record()) {
  const response = await send("POST", "/Immunization", body);
  expect(response.status).toBe(201);
  return String(response.headers.location).split("/").pop()!;
}

describe("stand-in Immunisation API: writes (issue 20)", () => {
  it("creates with 201 and Location, then reads it with E-Tag 1 and finds it by identifier and in the patient's history", async () => {
    const body = record();
    const response = await send("POST", "/Immunization", body);
    expect(response.status).toBe(201);
    expect(response.headers.location).toMatch(/\/immunisation-fhir-api\/FHIR\/R4\/Immunization\/[0-9a-f-]{36}$/);
    const id = String(response.headers.location).split("/").pop()!;
    const read = await get(`/Immunization/${id}`);
    expect([read.status, read.headers["e-tag"], read.body.lotNumber]).toEqual([200, "1", "FX1234"]);
    const byIdentifier = await get(
      `/Immunization?identifier=${encodeURIComponent(`${body.identifier[0]!.system}|${body.identifier[0]!.value}`)}&_elements=id,meta`,
    );
    expect(byIdentifier.body.entry).toEqual([expect.objectContaining({ resource: { resourceType: "Immunization", id, meta: { versionId: "1" } } })]);
    const history = await get(`/Immunization?patient.identifier=${patient("9000000009")}&-immunization.target=COVID`);
    expect(history.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id)).toContain(id);
  });

  it("refuses a record missing each required element with 400, its diagnostics naming the element", async () => {
    for (const element of REQUIRED_ELEMENTS) {
      const { [element]: _left, ...without } = record() as unknown as Record<string, unknown>;
      const response = await send("POST", "/Immunization", without);
      expect([element, response.status, outcomeCode(response.body)]).toEqual([element, 400, "INVARIANT"]);
      expect(response.body.issue[0].diagnostics).toContain(`${element} is a mandatory field`);
    }
    const wrongDisease = record();
    wrongDisease.protocolApplied[0]!.targetDisease = [
      {
        coding: [
          { system: "http://snomed.info/sct", code: "6142004", display: "Influenza" },
          { system: "http://snomed.info/sct", code: "14189004", display: "Measles" },
        ],
      },
    ];
    expect((await send("POST", "/Immunization", wrongDisease)).body.issue[0].diagnostics).toContain(
      "targetDisease is not the target disease(s) of a supported vaccine type",
    );
    expect((await send("POST", "/Immunization", record({ occurredAt: "2099-01-01T00:00:00+00:00" }))).body.issue[0].diagnostics).toContain(
      "must not be in the future",
    );
  });

  it("refuses a second record with the same identifier: 422 DUPLICATE", async () => {
    const body = record();
    await created(body);
    const again = await send("POST", "/Immunization", { ...body, lotNumber: "OTHER" });
    expect([again.status, outcomeCode(again.body)]).toEqual([422, "DUPLICATE"]);
  });

  it("applies each application's permissions by vaccine type and interaction: 403 otherwise", async () => {
    const mmrv = await send("POST", "/Immunization", record({ vaccineType: "MMRV" }));
    expect([mmrv.status, outcomeCode(mmrv.body)]).toEqual([403, "FORBIDDEN"]);
    expect(mmrv.body.issue[0].diagnostics).toContain("create interaction on vaccine type MMRV");
    const id = await created();
    sandbox.immunisations.permissions.set("local", { COVID: ["create", "read"] });
    try {
      expect((await get(`/Immunization/${id}`)).status).toBe(200);
      expect((await send("DELETE", `/Immunization/${id}`)).status).toBe(403);
      expect((await send("PUT", `/Immunization/${id}`, { ...record(), id }, { "e-tag": "1" })).status).toBe(403);
    } finally {
      sandbox.immunisations.permissions.delete("local");
    }
  });

  it("updates only with the current version in E-Tag: missing, empty, stale or another identifier is 400 INVARIANT", async () => {
    const body = record();
    const id = await created(body);
    const update = { ...body, id, lotNumber: "FX9999" };
    for (const headers of [{}, { "e-tag": "" }, { "e-tag": "one" }, { "e-tag": "2" }] as Array<Record<string, string>>) {
      const refused = await send("PUT", `/Immunization/${id}`, update, headers);
      expect([JSON.stringify(headers), refused.status, outcomeCode(refused.body)]).toEqual([JSON.stringify(headers), 400, "INVARIANT"]);
    }
    expect((await send("PUT", `/Immunization/${id}`, { ...update, id: uuid() }, { "e-tag": "1" })).status).toBe(400);
    expect((await send("PUT", `/Immunization/${id}`, { ...record(), id }, { "e-tag": "1" })).body.issue[0].diagnostics).toContain("identifier does not match");
    expect((await send("PUT", `/Immunization/${id}`, update, { "e-tag": "1" })).status).toBe(200);
    const stale = await send("PUT", `/Immunization/${id}`, { ...update, lotNumber: "LATE" }, { "e-tag": "1" });
    expect(stale.body.issue[0].diagnostics).toContain("has changed since the last retrieve");
    const read = await get(`/Immunization/${id}`);
    expect([read.headers["e-tag"], read.body.lotNumber]).toEqual(["2", "FX9999"]);
  });

  it("marks entered in error with 204: then read is 404 and searches leave it out; an update reinstates it", async () => {
    const body = record();
    const id = await created(body);
    expect((await send("DELETE", `/Immunization/${id}`)).status).toBe(204);
    expect((await get(`/Immunization/${id}`)).status).toBe(404);
    expect((await send("DELETE", `/Immunization/${id}`)).status).toBe(404);
    const identifier = encodeURIComponent(`${body.identifier[0]!.system}|${body.identifier[0]!.value}`);
    expect((await get(`/Immunization?identifier=${identifier}`)).body.total).toBe(0);
    const history = await get(`/Immunization?patient.identifier=${patient("9000000009")}&-immunization.target=COVID`);
    expect(history.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id)).not.toContain(id);
    expect((await send("PUT", `/Immunization/${id}`, { ...body, id }, { "e-tag": "2" })).status).toBe(200);
    expect((await get(`/Immunization/${id}`)).headers["e-tag"]).toBe("3");
  });

  it("changes one of its own history's records too, which then reads at its new version", async () => {
    const id = "12a33650-6f94-4e8f-a971-1c5c41da5b22";
    const original = await get(`/Immunization/${id}`);
    expect((await send("DELETE", `/Immunization/${id}`)).status).toBe(204);
    expect((await get(`/Immunization/${id}`)).status).toBe(404);
    expect((await send("PUT", `/Immunization/${id}`, original.body, { "e-tag": "2" })).status).toBe(200);
    expect((await get(`/Immunization/${id}`)).headers["e-tag"]).toBe("3");
  });
});
