/**
 * Every record the stand-in holds, read as a client would, keeps to its API's published spec: the journeys
 * and scenarios open only some of them, and a record none of them opens could still be richer than the
 * real service can be.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { POINTERS } from "../nrl/pointers";
import { PDS_PATIENTS } from "../pds/fixtures";
import { PROVIDER_WORKLISTS, REFERRALS, REFERRER_WORKLISTS } from "../ers/referrals";
import type { Sandbox } from "../server";
import { buildTestSandbox, uuid } from "../testing/support";
import { CLINICAL_RECORDS } from "../world/clinical";
import { nhsSpecsDir } from "./specs";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await buildTestSandbox({ contractSpecsDir: nhsSpecsDir() });
});
afterAll(() => sandbox.app.close());

const nhs = (nhsNumber: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`);

async function departures(requests: Array<{ url: string; method?: "GET" | "POST"; headers?: Record<string, string>; payload?: unknown }>) {
  for (const { url, method = "GET", headers, payload } of requests) {
    await sandbox.app.inject({ method, url, headers: { "x-request-id": uuid(), "x-correlation-id": uuid(), ...headers }, ...(payload ? { payload } : {}) });
  }
  const contract = sandbox.contract!;
  await contract.idle();
  const found = contract
    .report()
    .violations.filter((violation) => violation.exceptedBy === null)
    .map((violation) => `${violation.operation} ${violation.status ?? ""} ${violation.pointer} ${violation.rule}: ${violation.message}`);
  contract.clear();
  return found;
}

describe("every record the stand-in holds keeps to its API's published spec", () => {
  it("PDS: each patient read, found by search and their related people", async () => {
    const ids = [...PDS_PATIENTS.keys()];
    expect(
      await departures(
        ids.flatMap((id) => [{ url: `${NHS_APIS.pds.basePath}/Patient/${id}` }, { url: `${NHS_APIS.pds.basePath}/Patient/${id}/RelatedPerson` }]),
      ),
    ).toEqual([]);
    const searchable = ids.map((id) => PDS_PATIENTS.get(id)!).filter((patient) => patient.birthDate && Array.isArray(patient.name));
    expect(
      await departures(
        searchable.map((patient) => {
          const family = (patient.name as Array<{ family?: string }>)[0]?.family ?? "";
          return { url: `${NHS_APIS.pds.basePath}/Patient?family=${encodeURIComponent(family)}&birthdate=eq${patient.birthDate}` };
        }),
      ),
    ).toEqual([]);
  });

  it("Immunisation: each patient's whole history, and each vaccination read by id", async () => {
    const base = NHS_APIS.immunisation.basePath;
    expect(
      await departures([
        ...CLINICAL_RECORDS.map((record) => ({
          url: `${base}/Immunization?patient.identifier=${nhs(record.nhsNumber)}&-immunization.target=FLU&_include=Immunization:patient`,
        })),
        ...CLINICAL_RECORDS.flatMap((record) => record.immunisations.map((event) => ({ url: `${base}/Immunization/${event.id}` }))),
      ]),
    ).toEqual([]);
  });

  it("SCR: each patient's latest SCR id and record", async () => {
    const base = NHS_APIS.scr.basePath;
    expect(
      await departures(
        CLINICAL_RECORDS.filter((record) => record.scr).flatMap((record) => [
          { url: `${base}/DocumentReference?patient=${nhs(record.nhsNumber)}` },
          { url: `${base}/Bundle?composition.identifier=${record.scr!.scrId}&composition.subject:Patient.identifier=${nhs(record.nhsNumber)}` },
        ]),
      ),
    ).toEqual([]);
  });

  it("NRL: each pointer, found and read at its custodian", async () => {
    const base = NHS_APIS.nrl.basePath;
    expect(
      await departures(
        POINTERS.flatMap((pointer) => [
          { url: `${base}/DocumentReference?subject:identifier=${nhs(pointer.nhsNumber)}`, headers: { "nhsd-end-user-organisation-ods": "Y12345" } },
          { url: `${base}/DocumentReference/${pointer.id}`, headers: { "nhsd-end-user-organisation-ods": "Y12345" } },
        ]),
      ),
    ).toEqual([]);
  });

  it("e-RS: each referral and every worklist", async () => {
    const base = NHS_APIS.ers.basePath;
    const worklist = (listType: string, businessFunction: string) => ({
      url: `${base}/STU3/ReferralRequest/$ers.fetchworklist`,
      method: "POST" as const,
      headers: { "nhsd-ers-business-function": businessFunction, "content-type": "application/fhir+json" },
      payload: {
        resourceType: "Parameters",
        meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1"] },
        parameter: [
          {
            name: "listType",
            valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1", code: listType }] },
          },
        ],
      },
    });
    expect(
      await departures([
        ...REFERRALS.map((referral) => ({
          url: `${base}/STU3/ReferralRequest/${referral.ubrn}`,
          headers: { "nhsd-ers-business-function": "REFERRING_CLINICIAN", "nhsd-end-user-organisation-ods": referral.referrer.odsCode },
        })),
        ...PROVIDER_WORKLISTS.map((listType) => worklist(listType, "SERVICE_PROVIDER_CLINICIAN")),
        ...REFERRER_WORKLISTS.map((listType) => worklist(listType, "REFERRING_CLINICIAN")),
      ]),
    ).toEqual([]);
  });
});
