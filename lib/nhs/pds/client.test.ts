import { describe, expect, it } from "vitest";
import { NhsApiClient } from "../transport/client";
import { PdsClient, toPatientSummary } from "./client";
import type { PdsPatient } from "./schema";
import { NHS_APIS } from "../catalogue";

const jane: PdsPatient = {
  resourceType: "Patient",
  id: "9000000009",
  meta: { versionId: "2", security: [{ code: "U" }] },
  name: [
    { use: "old", family: "Jones", given: ["Jane"], period: { start: "2000-01-01", end: "2009-12-31" } },
    { use: "usual", family: "Smith", given: ["Jane"], period: { start: "2010-01-01" } },
  ],
  gender: "female",
  birthDate: "2010-10-22",
  address: [
    { use: "temp", line: ["Halls"], postalCode: "LS2 9JT", period: { start: "2020-01-01", end: "2020-06-30" } },
    { use: "home", line: ["1 Trevelyan Square"], postalCode: "LS1 6AE" },
  ],
  generalPractitioner: [{ identifier: { value: "Y12345" } }],
};

function pdsAnswering(status: number, body: unknown) {
  const nhs = new NhsApiClient({
    timeoutMs: 1000,
    maxReadRetries: 0,
    maxRetryAfterSeconds: 1,
    fetchImpl: (async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/fhir+json" } })) as typeof fetch,
  });
  return new PdsClient(nhs, `http://stand-in${NHS_APIS.pds.basePath}`);
}

const context = { correlationId: "c" };
const notFound = (code: string) => ({
  resourceType: "OperationOutcome",
  issue: [{ severity: "information", code: "not-found", details: { coding: [{ code }] } }],
});

describe("PDS patient summary", () => {
  it("picks the current usual name and the home address", () => {
    const summary = toPatientSummary(jane, "2026-11-21");
    expect(summary.name).toEqual({ family: "Smith", given: ["Jane"], prefix: undefined });
    expect(summary.homeAddress).toEqual({ lines: ["1 Trevelyan Square"], postalCode: "LS1 6AE" });
    expect(summary.gpOdsCode).toBe("Y12345");
    expect(summary.restricted).toBe(false);
  });

  it("withholds address and GP of a restricted record even if they were sent", () => {
    const summary = toPatientSummary({ ...jane, meta: { security: [{ code: "R" }] } });
    expect(summary.restricted).toBe(true);
    expect(summary.homeAddress).toBeNull();
    expect(summary.gpOdsCode).toBeNull();
  });
});

describe("PDS retrieve outcomes", () => {
  it("found", async () => {
    expect(await pdsAnswering(200, jane).retrievePatient("9000000009", context)).toMatchObject({ kind: "found" });
  });

  it("superseded: PDS answers with a record under a different NHS number", async () => {
    const outcome = await pdsAnswering(200, { ...jane, id: "9000000017" }).retrievePatient("9000000009", context);
    expect(outcome).toMatchObject({ kind: "superseded", requestedNhsNumber: "9000000009", patient: { nhsNumber: "9000000017" } });
  });

  it("not found, invalidated and invalid NHS number each have their own outcome", async () => {
    expect(await pdsAnswering(404, notFound("RESOURCE_NOT_FOUND")).retrievePatient("9111231130", context)).toMatchObject({
      kind: "not-found",
    });
    expect(await pdsAnswering(404, notFound("INVALIDATED_RESOURCE")).retrievePatient("9111231130", context)).toMatchObject({
      kind: "invalidated",
    });
    expect(await pdsAnswering(400, notFound("INVALID_RESOURCE_ID")).retrievePatient("9000000000", context)).toMatchObject({
      kind: "invalid-nhs-number",
    });
  });

  it("anything else is a failure carrying the upstream's code", async () => {
    const outcome = await pdsAnswering(403, notFound("ACCESS_DENIED")).retrievePatient("9000000009", context);
    expect(outcome).toMatchObject({ kind: "failed", failure: { kind: "operation-outcome", outcome: { code: "ACCESS_DENIED" } } });
  });
});
