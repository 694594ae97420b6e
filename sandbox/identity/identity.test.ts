import { randomUUID } from "node:crypto";
import { generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { buildTestSandbox, outcomeCode, TEST_API_KEY, TEST_CLIENT_SECRET, testKeys, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const TOKEN_URL = "http://localhost:9999/oauth2/token";
const CIS2_ISSUER = "http://localhost:9999/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

let sandbox: Sandbox;
let integration: Sandbox;
beforeAll(async () => {
  sandbox = await buildTestSandbox();
  integration = await buildTestSandbox({ mode: "integration" });
});
afterAll(async () => {
  await sandbox.app.close();
  await integration.app.close();
});

interface AssertionShape {
  alg?: string;
  kid?: string | null;
  claims?: JWTPayload;
  key?: CryptoKey;
  expiresInSeconds?: number;
}

async function clientAssertion({ alg = "RS512", kid = "test-app-key", claims = {}, key, expiresInSeconds = 60 }: AssertionShape = {}) {
  const { appPrivateKey } = await testKeys();
  const now = Math.floor(Date.now() / 1000);
  const header: Record<string, string> = { alg, typ: "JWT" };
  if (kid) header.kid = kid;
  return new SignJWT({ iss: TEST_API_KEY, sub: TEST_API_KEY, aud: TOKEN_URL, jti: randomUUID(), exp: now + expiresInSeconds, ...claims })
    .setProtectedHeader(header as never)
    .sign(key ?? appPrivateKey);
}

async function cis2IdToken(claims: JWTPayload = {}) {
  const { cis2SigningKey } = await testKeys();
  const { importJWK } = await import("jose");
  const key = await importJWK(cis2SigningKey, "RS256");
  return new SignJWT({ authentication_assurance_level: "3", acr: "AAL3_ANY", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: cis2SigningKey.kid })
    .setIssuer(CIS2_ISSUER)
    .setSubject("656005750104")
    .setAudience("test-client")
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(key);
}

async function token(target: Sandbox, form: Record<string, string>) {
  const response = await target.app.inject({
    method: "POST",
    url: "/oauth2/token",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(form).toString(),
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

const clientCredentials = async (shape?: AssertionShape) =>
  token(sandbox, {
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await clientAssertion(shape),
  });

describe("APIM identity: signed JWT client credentials", () => {
  it("issues an application-restricted token for a well-formed assertion", async () => {
    const response = await clientCredentials();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expires_in: "599", token_type: "Bearer" });
    expect(response.body.access_token).toMatch(/^[A-Za-z0-9]+$/);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it.each<[string, () => Promise<AssertionShape>, number, string]>([
    ["a missing kid", async () => ({ kid: null }), 400, "Missing 'kid' header in client_assertion JWT"],
    [
      "RS256 instead of RS512",
      async () => ({ alg: "RS256", key: (await generateKeyPair("RS256")).privateKey }),
      400,
      "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'",
    ],
    ["iss and sub that differ", async () => ({ claims: { sub: "someone-else" } }), 400, "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT"],
    ["the wrong audience", async () => ({ claims: { aud: "https://example.org/token" } }), 401, "Missing or invalid 'aud' claim in client_assertion JWT"],
    ["an expired assertion", async () => ({ expiresInSeconds: -10 }), 400, "Invalid 'exp' claim in client_assertion JWT - JWT has expired"],
    [
      "an expiry more than five minutes away",
      async () => ({ expiresInSeconds: 600 }),
      400,
      "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future",
    ],
    [
      "a key the application never registered",
      async () => ({ key: (await generateKeyPair("RS512")).privateKey }),
      401,
      "Invalid signature in client_assertion JWT - no public key with that kid verifies it",
    ],
  ])("refuses %s", async (_name, shape, status, description) => {
    const response = await clientCredentials(await shape());
    expect(response.status).toBe(status);
    expect(response.body.error_description).toBe(description);
    expect(response.body.message_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a reused jti", async () => {
    const assertion = await clientAssertion();
    const form = {
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    };
    expect((await token(sandbox, form)).status).toBe(200);
    const replay = await token(sandbox, form);
    expect([replay.status, replay.body.error_description]).toEqual([400, "Non-unique 'jti' claim in client_assertion JWT"]);
  });

  it("refuses a wrong assertion type and an unknown grant", async () => {
    const wrongType = await token(sandbox, { grant_type: "client_credentials", client_assertion_type: "password", client_assertion: await clientAssertion() });
    expect(wrongType.body.error_description).toMatch(/^Missing or invalid client_assertion_type/);
    const grant = await token(sandbox, { grant_type: "password" });
    expect([grant.status, grant.body.error_description]).toEqual([400, "grant_type is invalid"]);
  });
});

describe("APIM identity: CIS2 token exchange and refresh", () => {
  async function exchange(subjectToken?: string, subjectTokenType = "urn:ietf:params:oauth:token-type:id_token") {
    return token(sandbox, {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token_type: subjectTokenType,
      ...(subjectToken !== undefined ? { subject_token: subjectToken } : {}),
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await clientAssertion(),
    });
  }

  it("exchanges a CIS2 id token for a user-restricted token with a refresh token", async () => {
    const response = await exchange(await cis2IdToken());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      expires_in: "599",
      token_type: "Bearer",
      issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
      refresh_count: "0",
    });
    expect(response.body.refresh_token).toBeTruthy();
  });

  it("refuses a wrong subject token type, a missing or malformed subject token, and one CIS2 did not sign", async () => {
    expect((await exchange(await cis2IdToken(), "urn:ietf:params:oauth:token-type:jwt")).body.error_description).toMatch(
      /^missing or invalid subject_token_type/,
    );
    expect((await exchange(undefined)).body.error_description).toBe("Missing subject_token");
    expect((await exchange("not-a-jwt")).body.error_description).toBe("Malformed JWT in subject_token");
    const { appPrivateKey } = await testKeys();
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: "RS512" })
      .setIssuer(CIS2_ISSUER)
      .setSubject("x")
      .setExpirationTime("5m")
      .sign(appPrivateKey);
    expect((await exchange(forged)).status).toBe(401);
  });

  it("refreshes once per refresh token, counting refreshes", async () => {
    const first = await exchange(await cis2IdToken());
    const refresh = (refreshToken: string, secret = TEST_CLIENT_SECRET) =>
      token(sandbox, { grant_type: "refresh_token", client_id: TEST_API_KEY, client_secret: secret, refresh_token: refreshToken });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_count).toBe("1");
    expect((await refresh(first.body.refresh_token)).status).toBe(401);
    expect((await refresh(second.body.refresh_token, "wrong-secret")).status).toBe(401);
  });
});

describe("integration mode: each API demands its credential", () => {
  const readPatient = (authorization?: string) =>
    integration.app.inject({
      method: "GET",
      url: `${NHS_APIS.pds.basePath}/Patient/9000000009`,
      headers: { "x-request-id": uuid(), ...(authorization ? { authorization } : {}) },
    });

  it("refuses PDS without a token, or with one it never issued", async () => {
    const missing = await readPatient();
    expect([missing.statusCode, outcomeCode(missing.json()), missing.json().issue[0].diagnostics]).toEqual([401, "ACCESS_DENIED", "Missing access token"]);
    expect((await readPatient("Bearer madeup123")).statusCode).toBe(401);
  });

  it("serves PDS with a token from its token endpoint", async () => {
    const issued = await token(integration, {
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await clientAssertion({ claims: { aud: TOKEN_URL } }),
    });
    const response = await readPatient(`Bearer ${issued.body.access_token}`);
    expect(response.statusCode).toBe(200);
  });

  it("demands an API key of the directory APIs", async () => {
    const withoutKey = await integration.app.inject({ method: "GET", url: `${NHS_APIS.ods.basePath}/Organization/Y12345` });
    expect([withoutKey.statusCode, withoutKey.json().issue[0].diagnostics]).toEqual([401, "Invalid ApiKey"]);
  });

  it("leaves the sandbox-mode stand-in open, like the NHS sandbox", async () => {
    const response = await sandbox.app.inject({
      method: "GET",
      url: `${NHS_APIS.pds.basePath}/Patient/9000000009`,
      headers: { "x-request-id": uuid() },
    });
    expect(response.statusCode).toBe(200);
  });
});
