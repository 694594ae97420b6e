import { describe, expect, it } from "vitest";
import { gpConnectClaims, unsecuredJwt, type GpConnectClaims } from "../../lib/nhs/gpconnect/jwt";
import { testSandboxPerFile } from "../testing/support";
import { jwtProblem, SSP_BASE_PATH, STRUCTURED_INTERACTION } from "./routes";

const sandbox = testSandboxPerFile();
const ADDRESS = "https://orange.testlab.nhs.uk/B82617/STU3/1/gpconnect";
const requester = {
  sdsUserId: "656005750104",
  sdsRoleProfileId: "656014452101",
  name: { family: "RAMAN", given: ["Priya"] },
  organisation: { odsCode: "Y12345", name: "Trevelyan Square Surgery" },
};
const device = { issuer: "http://localhost:3000", model: "Care Record Viewer", version: "1" };
const claims = (now = new Date()) => gpConnectClaims(requester, device, ADDRESS, now);
const bearer = (value: unknown) => `Bearer ${unsecuredJwt(value as GpConnectClaims)}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

const body = (nhsNumber: string) => ({
  resourceType: "Parameters",
  parameter: [{ name: "patientNHSNumber", valueIdentifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: nhsNumber } }, { name: "includeProblems" }],
});

function post(headers: Record<string, string>, nhsNumber = "9690937286") {
  return sandbox.app.inject({
    method: "POST",
    url: `${SSP_BASE_PATH}/${ADDRESS}/Patient/$gpc.getstructuredrecord`,
    headers: {
      "content-type": "application/fhir+json",
      "ssp-traceid": crypto.randomUUID(),
      "ssp-from": "200000000900",
      "ssp-to": "918999198993",
      "ssp-interactionid": STRUCTURED_INTERACTION,
      authorization: bearer(claims()),
      ...headers,
    },
    payload: JSON.stringify(body(nhsNumber)),
  });
}

describe("stand-in SSP and GP Connect provider", () => {
  it("answers a well-formed request with the patient's structured record", async () => {
    const response = await post({});
    expect(response.statusCode).toBe(200);
    expect(response.json().entry.some((entry: { resource: { resourceType: string } }) => entry.resource.resourceType === "Condition")).toBe(true);
  });

  it("refuses missing Ssp-* headers, and an Ssp-To that is not the practice's ASID in SDS, with 400", async () => {
    const missing = await post({ "ssp-traceid": "", "ssp-from": "" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issue[0].diagnostics).toBe("SSP-TraceID header blank,SSP-From header blank");
    const wrongTo = await post({ "ssp-to": "200000000101" });
    expect(wrongTo.json().issue[0].diagnostics).toBe("SSP-To header does not match ASID of system");
    const wrongInteraction = await post({ "ssp-interactionid": "urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1" });
    expect(wrongInteraction.json().issue[0].diagnostics).toBe("InteractionId Incorrect");
  });

  it("checks every claim of the JWT as the reference provider does", () => {
    const good = claims();
    const check = (changed: Record<string, unknown>) => jwtProblem(bearer({ ...good, ...changed }), ADDRESS, nowSeconds());
    expect(check({})).toBeNull();
    for (const claim of [
      "iss",
      "sub",
      "aud",
      "iat",
      "exp",
      "reason_for_request",
      "requested_scope",
      "requesting_device",
      "requesting_organization",
      "requesting_practitioner",
    ])
      expect(check({ [claim]: undefined }), claim).toBe("JSON Incomplete");
    expect(check({ requesting_practitioner: { ...good.requesting_practitioner, identifier: [good.requesting_practitioner.identifier[0]] } })).toBe(
      "JSON Incomplete",
    );
    expect(check({ iat: good.iat + 600, exp: good.iat + 900 })).toBe("Creation time is in the future");
    expect(check({ exp: good.iat + 301 })).toBe("JWT expiry time is not 5 minutes after the creation time");
    expect(check({ iat: good.iat - 600, exp: good.iat - 300 })).toBe("JWT has expired");
    expect(check({ reason_for_request: "secondarycare" })).toBe("Reason for request is not directcare");
    expect(check({ sub: "someone-else" })).toBe("Practitioner ids do not match!");
    expect(check({ requested_scope: "organization/*.read" })).toBe("Bad Request");
    expect(check({ aud: "https://elsewhere.example/B82617" })).toBe("Bad Request");
    expect(jwtProblem(`Bearer ${unsecuredJwt(good).slice(0, -1)}.c2lnbmVk`, ADDRESS, nowSeconds())).toBe("JWT must be unsigned (alg none, empty signature)");
    expect(jwtProblem(undefined, ADDRESS, nowSeconds())).toBe("Authorization header missing or not a Bearer token");
  });

  it("answers GP Connect's errors: no consent 403, sensitive or deceased 404, unknown address 404", async () => {
    const noConsent = await post({}, "9690938576");
    expect([noConsent.statusCode, noConsent.json().issue[0].details.coding[0].code]).toEqual([403, "NO_PATIENT_CONSENT"]);
    for (const nhsNumber of ["9690938533", "9690938681", "9000000009"]) {
      const withheld = await post({}, nhsNumber);
      expect([withheld.statusCode, withheld.json().issue[0].details.coding[0].code], nhsNumber).toEqual([404, "PATIENT_NOT_FOUND"]);
    }
  });
});
