import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLINICAL_RECORDS } from "../world/clinical";
import { PRESCRIPTIONS } from "../eps/prescriptions";
import type { Sandbox } from "../server";
import { expectFhir } from "../testing/fhir-r4";
import { buildTestSandbox } from "../testing/support";
import { PDS_PATIENTS } from "../pds/fixtures";
import { ERS_ROLES, REFERRALS, SANDBOX_DEFAULT_ROLES, SERVICES } from "../ers/referrals";
import { ALLOWED_POINTER_TYPES, POINTERS } from "../nrl/pointers";
import { NHS_APIS } from "../../lib/nhs/catalogue";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await buildTestSandbox();
});
afterAll(() => sandbox.app.close());

async function get(url: string) {
  const response = await sandbox.app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
}

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

describe("stand-in Service Search v3", () => {
  it("needs api-version=3", async () => {
    expect(await get(`${NHS_APIS["service-search"].basePath}/?search=Y12345`)).toEqual({ status: 404, body: { statusCode: 404, message: "Resource not found" } });
  });

  it("finds an organisation by ODS code, by name, and pharmacies by postcode", async () => {
    const byCode = await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&search=Y23456&searchFields=ODSCode`);
    expect(byCode.body.value.map((organisation: { OrganisationName: string }) => organisation.OrganisationName)).toEqual(["Boar Lane Pharmacy"]);
    const byName = await get(`${NHS_APIS["service-search"].basePath}?api-version=3&search=urgent&searchFields=OrganisationName&$count=true`);
    expect(byName.body["@odata.count"]).toBe(2);
    const services = byName.body.value.map((organisation: { Services: Array<{ KeyValueData: Array<{ Key: string; Value: string }> }> }) => organisation.Services[0].KeyValueData[0]);
    expect(services).toEqual(expect.arrayContaining([{ Key: "DoSServiceId", Value: "2000072489" }]));
    const nearby = await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&$filter=${encodeURIComponent("OrganisationTypeId eq 'PHA' and search.ismatch('DN20', 'Postcode')")}`);
    expect(nearby.body.value.map((organisation: { ODSCode: string }) => organisation.ODSCode)).toEqual(["FA565"]);
  });

  it("answers a search that matches nothing with an empty value list, and a bad filter with 400", async () => {
    expect((await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&search=nowhere-at-all`)).body.value).toEqual([]);
    expect((await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&$filter=${encodeURIComponent("geo.distance(x) lt 5")}`)).status).toBe(400);
  });
});

describe("stand-in SDS", () => {
  const organisation = (code: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/ods-organization-code|${code}`);
  const interaction = (id: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${id}`);

  it("returns the NHS sandbox's endpoints and devices", async () => {
    const endpoint = await get(`${NHS_APIS.sds.basePath}/Endpoint?organization=${organisation("YES")}&identifier=${interaction("urn:nhs:names:services:psis:REPC_IN150016UK05")}`);
    expectFhir(endpoint.body, "Bundle");
    expect(endpoint.body.entry[0].resource.address).toBe("https://msg.opentest.hscic.gov.uk/reliablemessaging/reliablerequest");
    const gp2gp = await get(`${NHS_APIS.sds.basePath}/Endpoint?organization=${organisation("X26")}&identifier=${interaction("urn:nhs:names:services:gp2gp:COPC_IN000001UK01")}`);
    expect(gp2gp.body.total).toBe(2);
    const device = await get(`${NHS_APIS.sds.basePath}/Device?organization=${organisation("YES")}&identifier=${interaction("urn:nhs:names:services:pdsquery:QUPA_IN040000UK32")}`);
    expect(device.body.entry[0].resource.identifier[0].value).toBe("928942012545");
    expectFhir(device.body, "Bundle");
  });

  it("answers an unknown combination with an empty Bundle and a missing parameter with 400", async () => {
    expect((await get(`${NHS_APIS.sds.basePath}/Device?organization=${organisation("ZZZ")}&identifier=${interaction("x")}`)).body.total).toBe(0);
    const missing = await get(`${NHS_APIS.sds.basePath}/Endpoint?organization=${organisation("YES")}`);
    expect(missing.status).toBe(400);
    expectFhir(missing.body, "OperationOutcome");
  });
});
