import { describe, expect, it } from "vitest";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, getJson } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();
const get = (url: string) => getJson(sandbox, url);

describe("stand-in SDS", () => {
  const organisation = (code: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/ods-organization-code|${code}`);
  const interaction = (id: string) => encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${id}`);

  it("returns the NHS sandbox's endpoints and devices", async () => {
    const endpoint = await get(
      `${NHS_APIS.sds.basePath}/Endpoint?organization=${organisation("YES")}&identifier=${interaction("urn:nhs:names:services:psis:REPC_IN150016UK05")}`,
    );
    expectFhir(endpoint.body, "Bundle");
    expect(endpoint.body.entry[0].resource.address).toBe("https://msg.opentest.hscic.gov.uk/reliablemessaging/reliablerequest");
    const gp2gp = await get(
      `${NHS_APIS.sds.basePath}/Endpoint?organization=${organisation("X26")}&identifier=${interaction("urn:nhs:names:services:gp2gp:COPC_IN000001UK01")}`,
    );
    expect(gp2gp.body.total).toBe(2);
    const device = await get(
      `${NHS_APIS.sds.basePath}/Device?organization=${organisation("YES")}&identifier=${interaction("urn:nhs:names:services:pdsquery:QUPA_IN040000UK32")}`,
    );
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
