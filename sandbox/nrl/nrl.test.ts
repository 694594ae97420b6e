import { describe, expect, it } from "vitest";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();

const BASE = NHS_APIS.nrl.basePath;
const subject = (nhsNumber: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`);

async function get(url: string, ods?: string) {
  const response = await sandbox.app.inject({
    method: "GET",
    url,
    headers: { "x-request-id": uuid(), ...(ods ? { "nhsd-end-user-organisation-ods": ods } : {}) },
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: String(response.headers["content-type"] ?? "").includes("json") ? response.json() : response.rawPayload,
  };
}

describe("stand-in NRL consumer", () => {
  it("lists the pointers an organisation may see, newest first, without superseded ones", async () => {
    const response = await get(`${BASE}/DocumentReference?subject:identifier=${subject("9000000009")}`, "Y12345");
    expect(response.status).toBe(200);
    // media-type parameters may be quoted (RFC 9110): version="1" is version=1
    expect(response.headers["content-type"]).toMatch(/^application\/fhir\+json;\s*version="?1"?/);
    expectFhir(response.body, "Bundle");
    expect(response.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id)).toEqual([
      "RY26A-2000000002",
      "Y05868-2000000001",
      "Y12345-2000000003",
    ]);
  });

  it("keeps the NHS sandbox's ODS-code rules: RY26A sees only end-of-life summaries", async () => {
    const response = await get(`${BASE}/DocumentReference?subject:identifier=${subject("9000000009")}`, "RY26A");
    expect(response.body.entry.map((entry: { resource: { type: { coding: Array<{ code: string }> } } }) => entry.resource.type.coding[0].code)).toEqual([
      "861421000000109",
    ]);
  });

  it("finds the NHS sandbox's example pointers for 9000000017", async () => {
    const response = await get(
      `${BASE}/DocumentReference?subject:identifier=${subject("9000000017")}&type=${encodeURIComponent("http://snomed.info/sct|736253002")}`,
      "Y05868",
    );
    expect(response.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id).sort()).toEqual(["X26-1634567890", "Y05868-1234567892"]);
  });

  it("refuses without the ODS header (400), for an organisation with no pointer types (403), and for a type not allowed (403)", async () => {
    const missing = await get(`${BASE}/DocumentReference?subject:identifier=${subject("9000000009")}`);
    expect(missing.status).toBe(400);
    expectFhir(missing.body, "OperationOutcome");
    const pharmacy = await get(`${BASE}/DocumentReference?subject:identifier=${subject("9000000009")}`, "Y23456");
    expect([pharmacy.status, pharmacy.body.issue[0].diagnostics]).toEqual([403, "Provided ODS code has no pointers within requesting app"]);
    const notAllowed = await get(
      `${BASE}/DocumentReference?subject:identifier=${subject("9000000009")}&type=${encodeURIComponent("http://snomed.info/sct|736253002")}`,
      "RY26A",
    );
    expect(notAllowed.status).toBe(403);
  });

  it("counts with _summary=count and refuses a bad NHS number", async () => {
    const count = await get(`${BASE}/DocumentReference?subject:identifier=${subject("9693632109")}&_summary=count`, "A20047");
    expect(count.body).toMatchObject({ resourceType: "Bundle", total: 2 });
    expect(count.body.entry).toBeUndefined();
    expect((await get(`${BASE}/DocumentReference?subject:identifier=${subject("9000000000")}`, "A20047")).status).toBe(400);
  });

  it("reads a pointer by id, and serves its document: a real PDF, or FHIR", async () => {
    const pointer = await get(`${BASE}/DocumentReference/Y12345-2000000003`, "Y12345");
    expectFhir(pointer.body, "DocumentReference");
    expect((await get(`${BASE}/DocumentReference/Y12345-9999999999`, "Y12345")).status).toBe(404);
    expect((await get(`${BASE}/DocumentReference/Y12345-2000000003`, "RY26A")).status).toBe(403);

    const documentPath = new URL(pointer.body.content[0].attachment.url).pathname;
    const pdf = await get(documentPath);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = (pdf.body as Buffer).toString("latin1");
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe("xref");
    expect(text).toContain("Adrenaline auto-injector");

    const summary = await get(new URL((await get(`${BASE}/DocumentReference/RY26A-2000000002`, "RY26A")).body.content[0].attachment.url).pathname);
    expectFhir(summary.body, "Composition");
  });
});
