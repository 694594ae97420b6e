import { describe, expect, it } from "vitest";
import { testSandboxPerFile, getJson } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();
const get = (url: string) => getJson(sandbox, url);

describe("stand-in Service Search v3", () => {
  it("needs api-version=3", async () => {
    expect(await get(`${NHS_APIS["service-search"].basePath}/?search=Y12345`)).toEqual({
      status: 404,
      body: { statusCode: 404, message: "Resource not found" },
    });
  });

  it("finds an organisation by ODS code, by name, and pharmacies by postcode", async () => {
    const byCode = await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&search=Y23456&searchFields=ODSCode`);
    expect(byCode.body.value.map((organisation: { OrganisationName: string }) => organisation.OrganisationName)).toEqual(["Boar Lane Pharmacy"]);
    const byName = await get(`${NHS_APIS["service-search"].basePath}?api-version=3&search=urgent&searchFields=OrganisationName&$count=true`);
    expect(byName.body["@odata.count"]).toBe(2);
    const services = byName.body.value.map(
      (organisation: { Services: Array<{ KeyValueData: Array<{ Key: string; Value: string }> }> }) => organisation.Services[0].KeyValueData[0],
    );
    expect(services).toEqual(expect.arrayContaining([{ Key: "DoSServiceId", Value: "2000072489" }]));
    const nearby = await get(
      `${NHS_APIS["service-search"].basePath}/?api-version=3&$filter=${encodeURIComponent("OrganisationTypeId eq 'PHA' and search.ismatch('DN20', 'Postcode')")}`,
    );
    expect(nearby.body.value.map((organisation: { ODSCode: string }) => organisation.ODSCode)).toEqual(["FA565"]);
  });

  it("answers a search that matches nothing with an empty value list, and a bad filter with 400", async () => {
    expect((await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&search=nowhere-at-all`)).body.value).toEqual([]);
    expect((await get(`${NHS_APIS["service-search"].basePath}/?api-version=3&$filter=${encodeURIComponent("geo.distance(x) lt 5")}`)).status).toBe(400);
  });
});
