import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSandbox, type Sandbox } from "./server";
import { NHS_APIS } from "../lib/nhs/catalogue";

let sandbox: Sandbox;

beforeAll(async () => {
  const { publicKey } = await generateKeyPair("RS512");
  sandbox = await buildSandbox({
    publicBaseUrl: "http://localhost:9999",
    cis2Client: {
      clientId: "test-client",
      appBaseUrl: "http://localhost:3999",
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "test", alg: "RS512", use: "sig" }] },
    },
  });
});

afterAll(async () => {
  await sandbox.app.close();
});

const PDS = NHS_APIS.pds.basePath;
const requestId = () => randomUUID();

async function getPatient(id: string, headers: Record<string, string> = { "x-request-id": requestId() }) {
  const response = await sandbox.app.inject({ method: "GET", url: `${PDS}/Patient/${id}`, headers });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

const errorCode = (body: { issue: Array<{ details: { coding: Array<{ code: string }> } }> }) => body.issue[0].details.coding[0].code;

describe("stand-in PDS retrieve", () => {
  it("returns 9000000009 with its version as a weak ETag and mirrors the request ID", async () => {
    const id = requestId();
    const response = await getPatient("9000000009", { "x-request-id": id, "x-correlation-id": "corr-1" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/fhir\+json/);
    expect(response.headers.etag).toBe('W/"2"');
    expect(response.headers["x-request-id"]).toBe(id);
    expect(response.headers["x-correlation-id"]).toBe("corr-1");
    expect(response.body).toMatchObject({ resourceType: "Patient", id: "9000000009", birthDate: "2010-10-22", gender: "female" });
    expect(response.body.deceasedDateTime).toBe("2010-10-22T00:00:00+00:00");
  });

  it("checks headers in the NHS sandbox's order before anything else", async () => {
    const missing = await getPatient("9000000000", {});
    expect([missing.status, errorCode(missing.body)]).toEqual([400, "MISSING_VALUE"]);
    const notUuid = await getPatient("9000000009", { "x-request-id": "1234" });
    expect([notUuid.status, errorCode(notUuid.body)]).toEqual([400, "INVALID_VALUE"]);
    expect(notUuid.body.issue[0].diagnostics).toBe("Invalid value - '1234' in header 'X-Request-ID'");
    const badAuth = await getPatient("9000000009", { "x-request-id": requestId(), authorization: "Basic abc" });
    expect([badAuth.status, badAuth.body.issue[0].diagnostics]).toEqual([401, "Missing access token"]);
    const badToken = await getPatient("9000000009", { "x-request-id": requestId(), authorization: "Bearer not-ok!" });
    expect([badToken.status, badToken.body.issue[0].diagnostics]).toEqual([401, "Invalid Access Token"]);
    const goodToken = await getPatient("9000000009", { "x-request-id": requestId(), authorization: "Bearer abc123_x" });
    expect(goodToken.status).toBe(200);
  });

  it("refuses an NHS number with a wrong check digit and does not find one that is valid but unknown", async () => {
    const invalid = await getPatient("9000000000");
    expect([invalid.status, errorCode(invalid.body)]).toEqual([400, "INVALID_RESOURCE_ID"]);
    const unknown = await getPatient("9111231130");
    expect([unknown.status, errorCode(unknown.body), unknown.body.issue[0].severity]).toEqual([404, "RESOURCE_NOT_FOUND", "information"]);
  });

  it("withholds address, telecom and GP of the restricted patient 9000000025", async () => {
    const response = await getPatient("9000000025");
    expect(response.status).toBe(200);
    expect(response.body.meta.security[0].code).toBe("R");
    expect(response.body).not.toHaveProperty("address");
    expect(response.body).not.toHaveProperty("telecom");
    expect(response.body).not.toHaveProperty("generalPractitioner");
  });

  it("serves the minimal record 9000000033 with an identifier and meta only", async () => {
    const response = await getPatient("9000000033");
    expect(Object.keys(response.body).sort()).toEqual(["id", "identifier", "meta", "resourceType"]);
  });
});

describe("stand-in fault injection", () => {
  it("rate-limits an API at its documented requests per second", () => {
    sandbox.faults.set({ target: "pds", kind: "rate-limit" });
    const now = Date.now();
    const answers = Array.from({ length: 7 }, () => sandbox.faults.take("pds", now)?.kind ?? "allowed");
    expect(answers).toEqual(["allowed", "allowed", "allowed", "allowed", "allowed", "rate-limit", "rate-limit"]);
    expect(sandbox.faults.take("pds", now + 1500)).toBeUndefined();
    sandbox.faults.clear();
  });

  it("forces a status for a number of requests, then clears itself", async () => {
    const set = await sandbox.app.inject({
      method: "POST",
      url: "/_stand-in/faults",
      payload: { target: "pds", status: 503, retryAfterSeconds: 5, times: 1 },
    });
    expect(set.statusCode).toBe(201);
    const refused = await sandbox.app.inject({ method: "POST", url: "/_stand-in/faults", payload: { target: "pds", status: 200 } });
    expect(refused.statusCode).toBe(400);
    expect(sandbox.faults.take("pds")).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    expect(sandbox.faults.take("pds")).toBeUndefined();
  });
});

describe("mock CIS2", () => {
  it("publishes discovery at CIS2's realm path with CIS2's endpoints and claims", async () => {
    await sandbox.app.listen({ port: 0, host: "127.0.0.1" });
    const address = sandbox.app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const realmPath = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
    const discovery = await (await fetch(`http://127.0.0.1:${port}${realmPath}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(`http://localhost:9999${realmPath}`);
    const path = (url: string) => new URL(url).pathname;
    expect(path(discovery.authorization_endpoint)).toBe(`${realmPath}/authorize`);
    expect(path(discovery.token_endpoint)).toBe(`${realmPath}/access_token`);
    expect(path(discovery.userinfo_endpoint)).toBe(`${realmPath}/userinfo`);
    expect(path(discovery.end_session_endpoint)).toBe(`${realmPath}/connect/endSession`);
    expect(path(discovery.jwks_uri)).toBe(`${realmPath}/connect/jwk_uri`);
    expect(discovery.token_endpoint_auth_methods_supported).toContain("private_key_jwt");
    expect(discovery.token_endpoint_auth_signing_alg_values_supported).toContain("RS512");
    expect(discovery.code_challenge_methods_supported).toEqual(["S256"]);
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["openid", "nationalrbacaccess", "associatedorgs"]));
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(["nhsid_nrbac_roles", "authentication_assurance_level", "id_assurance_level", "acr"]));
  });
});
