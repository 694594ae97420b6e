import { describe, expect, it } from "vitest";
import { CLINICAL_RECORDS } from "../world/clinical";
import { PRESCRIPTIONS } from "../eps/prescriptions";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, getJson } from "../testing/support";
import { PDS_PATIENTS } from "../pds/fixtures";
import { ERS_ROLES, REFERRALS, SANDBOX_DEFAULT_ROLES, SERVICES } from "../ers/referrals";
import { ALLOWED_POINTER_TYPES, POINTERS } from "../nrl/pointers";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();
const get = (url: string) => getJson(sandbox, url);

/** Every ODS code the other fixtures mention. */
function odsCodesInFixtures(): string[] {
  const codes = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (record.system === "https://fhir.nhs.uk/Id/ods-organization-code" && typeof record.value === "string") codes.add(record.value);
      Object.values(record).forEach(walk);
    }
  };
  walk([...PDS_PATIENTS.values()]);
  for (const record of CLINICAL_RECORDS) {
    codes.add(record.gpOdsCode).add(record.nominatedPharmacyOdsCode);
    if (record.scr) codes.add(record.scr.authorOdsCode);
    for (const event of record.immunisations) codes.add(event.locationOdsCode).add(event.recorder.odsCode);
  }
  for (const prescription of PRESCRIPTIONS) {
    codes.add(prescription.prescriberOdsCode).add(prescription.nominatedDispenserOdsCode);
    if (prescription.dispenserOdsCode) codes.add(prescription.dispenserOdsCode);
    for (const change of prescription.history) codes.add(change.odsCode);
  }
  for (const referral of REFERRALS) codes.add(referral.referrer.odsCode);
  for (const service of SERVICES) codes.add(service.odsCode);
  for (const user of [...Object.values(ERS_ROLES), SANDBOX_DEFAULT_ROLES]) for (const role of user.roles) codes.add(role.odsCode);
  for (const pointer of POINTERS) codes.add(pointer.custodianOdsCode).add(pointer.authorOdsCode);
  for (const code of Object.keys(ALLOWED_POINTER_TYPES)) codes.add(code);
  return [...codes].sort();
}

describe("stand-in ODS", () => {
  it("knows every organisation the other fixtures mention", async () => {
    const codes = odsCodesInFixtures();
    expect(codes).toEqual(expect.arrayContaining(["A20047", "FA565", "H81109", "Y12345", "Y23456", "RX9", "R69", "Y05868", "8J008"]));
    for (const code of codes) {
      const response = await get(`${NHS_APIS.ods.basePath}/Organization/${code}`);
      expect(response.status, `Organization/${code}`).toBe(200);
      expectFhir(response.body, "Organization");
    }
  });

  it("names Y12345 and answers an unknown code with 404", async () => {
    expect((await get(`${NHS_APIS.ods.basePath}/Organization/Y12345`)).body.name).toBe("TREVELYAN SQUARE SURGERY");
    const unknown = await get(`${NHS_APIS.ods.basePath}/Organization/ZZZ99`);
    expect(unknown.status).toBe(404);
    expectFhir(unknown.body, "OperationOutcome");
  });

  it("searches by name, postcode and role", async () => {
    const pharmacies = await get(`${NHS_APIS.ods.basePath}/Organization?roleCode=RO182`);
    expectFhir(pharmacies.body, "Bundle");
    expect(pharmacies.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id).sort()).toEqual(["FA565", "Y23456"]);
    expect((await get(`${NHS_APIS.ods.basePath}/Organization?name:contains=surgery&address-postalcode=LS1`)).body.total).toBe(1);
  });
});
