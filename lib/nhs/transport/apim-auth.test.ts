import { decodeJwt, decodeProtectedHeader, exportJWK, importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrivateRsaJwk } from "@/lib/config/build";
import { CONFIGURED_APIS, type AuthPattern, type ConfiguredApi } from "@/lib/config/apis";
import { InMemorySessionStore, type ServerSession } from "@/lib/state/session-store";
import type { Sandbox } from "@/sandbox/server";
import { buildTestSandbox, TEST_API_KEY, TEST_CLIENT_SECRET, testKeys } from "@/sandbox/testing/support";
import { ApimAuthoriser, type ApimAuthOptions } from "./apim-auth";
import { NhsApiClient } from "./client";
import { describeFailure } from "../../features/failure-message";
import { NHS_APIS } from "../catalogue";

const TOKEN_URL = "http://localhost:9999/oauth2/token";
const CIS2_ISSUER = "http://localhost:9999/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

let sandbox: Sandbox;
let signingKey: PrivateRsaJwk;
let calls: Array<{ path: string; grant: string | null; authorization: string | null; apikey: string | null }>;

beforeAll(async () => {
  sandbox = await buildTestSandbox({ mode: "integration" });
  const { appPrivateKey } = await testKeys();
  signingKey = { ...(await exportJWK(appPrivateKey)), kid: "test-app-key" } as PrivateRsaJwk;
});
afterAll(() => sandbox.app.close());

const viaStandIn = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(String(input));
  const headers = (init?.headers ?? {}) as Record<string, string>;
  const body = init?.body ? String(init.body) : undefined;
  calls.push({
    path: url.pathname,
    grant: body && url.pathname.endsWith("/token") ? new URLSearchParams(body).get("grant_type") : null,
    authorization: headers.authorization ?? null,
    apikey: headers.apikey ?? null,
  });
  const reply = await sandbox.app.inject({
    method: (init?.method ?? "GET") as "GET",
    url: `${url.pathname}${url.search}`,
    headers,
    ...(body ? { payload: body } : {}),
  });
  return new Response(reply.body, { status: reply.statusCode, headers: reply.headers as Record<string, string> });
}) as typeof fetch;

const allApis = (auth: AuthPattern) => Object.fromEntries(CONFIGURED_APIS.map((api) => [api, { auth }])) as Record<ConfiguredApi, { auth: AuthPattern }>;

function authoriser(overrides: Partial<ApimAuthOptions> = {}, tokenUrl = TOKEN_URL) {
  calls = [];
  return new ApimAuthoriser({
    credentials: { tokenUrl, apiKey: TEST_API_KEY, clientSecret: TEST_CLIENT_SECRET, signingKey, publishedKeys: [signingKey] },
    apis: { ...allApis("signed-jwt"), pds: { auth: "cis2-token-exchange" }, ods: { auth: "api-key" }, "service-search": { auth: "none" } },
    sessions: new InMemorySessionStore(),
    fetchImpl: viaStandIn,
    timeoutMs: 2000,
    ...overrides,
  });
}

const tokenCalls = () => calls.filter((call) => call.path === "/oauth2/token");

describe("signed JWT client credentials (BaRS, Immunisation, NRL)", () => {
  it("signs the client assertion as the platform requires: RS512, kid, typ JWT, iss = sub = API key, aud = token URL, unique jti, short expiry", async () => {
    const auth = authoriser();
    const [first, second] = [await auth.clientAssertion(), await auth.clientAssertion()];
    expect(decodeProtectedHeader(first)).toEqual({ alg: "RS512", typ: "JWT", kid: "test-app-key" });
    const claims = decodeJwt(first);
    expect(claims).toMatchObject({ iss: TEST_API_KEY, sub: TEST_API_KEY, aud: TOKEN_URL });
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);
    expect(claims.jti).not.toBe(decodeJwt(second).jti);
  });

  it("makes one token call for twenty concurrent requests, reuses the token, and replaces it a minute before it expires", async () => {
    let now = Date.now();
    const auth = authoriser({ now: () => now });
    const results = await Promise.all(Array.from({ length: 20 }, () => auth.authorise("bars", undefined)));
    expect(tokenCalls()).toHaveLength(1);
    expect(new Set(results.map((result) => (result.kind === "ok" ? result.headers.authorization : "failed")))).toEqual(
      new Set([expect.stringMatching(/^Bearer \S+$/)]),
    );
    now += 530_000; // 599 s tokens: still more than a minute left
    await auth.authorise("nrl", undefined);
    expect(tokenCalls()).toHaveLength(1);
    now += 20_000;
    await auth.authorise("immunisation", undefined);
    expect(tokenCalls()).toHaveLength(2);
  });

  it("the token it gets is accepted by an API that demands one, and an API-key API gets only its apikey", async () => {
    const auth = authoriser();
    const nhs = new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 0, fetchImpl: viaStandIn, authoriser: auth });
    const context = { correlationId: crypto.randomUUID() };
    const schema = { safeParse: (value: unknown) => ({ success: true as const, data: value }) } as never;
    const immunisation = await nhs.call({
      api: "immunisation",
      baseUrl: `http://localhost:9999${NHS_APIS.immunisation.basePath}`,
      method: "GET",
      path: "/Immunization",
      query: new URLSearchParams({ "patient.identifier": "https://fhir.nhs.uk/Id/nhs-number|9000000009", "-immunization.target": "COVID" }),
      schema,
      context,
    });
    expect(immunisation.kind).toBe("ok");
    const ods = await nhs.call({
      api: "ods",
      baseUrl: `http://localhost:9999${NHS_APIS.ods.basePath}`,
      method: "GET",
      path: "/Organization/Y12345",
      schema,
      context,
    });
    expect(ods.kind).toBe("ok");
    const odsCall = calls.find((call) => call.path.endsWith("/Organization/Y12345"))!;
    expect([odsCall.apikey, odsCall.authorization]).toEqual([TEST_API_KEY, null]);
  });
});

/** Makes the assertion the way a misconfigured or faulty deployment would. */
class ForgedAssertion extends ApimAuthoriser {
  constructor(
    private readonly forge: () => Promise<string>,
    options: ApimAuthOptions,
  ) {
    super(options);
  }
  override clientAssertion() {
    return this.forge();
  }
}

async function signed(header: Record<string, string>, claims: Record<string, unknown> = {}) {
  const key = await importJWK({ ...signingKey }, header.alg ?? "RS512");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: TEST_API_KEY, sub: TEST_API_KEY, aud: TOKEN_URL, jti: crypto.randomUUID(), exp: now + 240, ...claims })
    .setProtectedHeader(header as never)
    .sign(key);
}

describe("each token-endpoint refusal the platform defines: nothing is sent to the API, and the person is told plainly with the platform's words and message id", () => {
  const cases: Array<[string, () => Promise<ApimAuthoriser>, number, RegExp]> = [
    [
      "wrong alg",
      async () => new ForgedAssertion(() => signed({ alg: "RS256", typ: "JWT", kid: "test-app-key" }), baseOptions()),
      400,
      /Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'/,
    ],
    [
      "missing kid",
      async () => new ForgedAssertion(() => signed({ alg: "RS512", typ: "JWT" }), baseOptions()),
      400,
      /Missing 'kid' header in client_assertion JWT/,
    ],
    [
      "reused jti",
      async () => {
        const replayed = await signed({ alg: "RS512", typ: "JWT", kid: "test-app-key" });
        const auth = new ForgedAssertion(async () => replayed, baseOptions());
        expect((await auth.authorise("bars", undefined)).kind).toBe("ok");
        // the cached token is dropped, as after a 401, so the replayed assertion is sent again
        await auth.forget("bars", undefined);
        return auth;
      },
      400,
      /Non-unique 'jti' claim in client_assertion JWT/,
    ],
    [
      "expired (the server's clock is ten minutes slow)",
      async () => authoriser({ now: () => Date.now() - 600_000 }),
      400,
      /Invalid 'exp' claim in client_assertion JWT - JWT has expired/,
    ],
    [
      "wrong aud (APIM_TOKEN_URL not the platform's)",
      async () => authoriser({}, "http://127.0.0.1:9999/oauth2/token"),
      401,
      /Missing or invalid 'aud' claim in client_assertion JWT/,
    ],
  ];

  function baseOptions(): ApimAuthOptions {
    calls = [];
    return {
      credentials: { tokenUrl: TOKEN_URL, apiKey: TEST_API_KEY, clientSecret: TEST_CLIENT_SECRET, signingKey, publishedKeys: [signingKey] },
      apis: allApis("signed-jwt"),
      sessions: new InMemorySessionStore(),
      fetchImpl: viaStandIn,
      timeoutMs: 2000,
    };
  }

  it.each(cases)("%s", async (_name, make, status, description) => {
    const auth = await make();
    const nhs = new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 2, maxRetryAfterSeconds: 0, fetchImpl: viaStandIn, authoriser: auth });
    const apiCallsBefore = calls.filter((call) => call.path.startsWith("/booking-and-referral")).length;
    const response = await nhs.call({
      api: "bars",
      baseUrl: `http://localhost:9999${NHS_APIS.bars.basePath}`,
      method: "GET",
      path: "/metadata",
      schema: { safeParse: () => ({ success: true, data: {} }) } as never,
      context: { correlationId: crypto.randomUUID() },
    });
    expect(response.kind).toBe("auth-failed");
    if (response.kind !== "auth-failed") return;
    expect(response.failure).toMatchObject({ status, description: expect.stringMatching(description), messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(calls.filter((call) => call.path.startsWith("/booking-and-referral")).length).toBe(apiCallsBefore);
    const message = describeFailure(response);
    expect(message.body).toContain("would not authorise this service's request, so nothing was sent");
    expect(message.body).toMatch(description);
    expect(message.upstreamCode).toBe(response.failure.error);
    expect(message.reference).toBe(response.failure.messageId);
  });
});

describe("CIS2 token exchange (PDS, SCR, EPS, e-RS)", () => {
  async function cis2IdToken(expiresIn = "10m") {
    const { cis2SigningKey } = await testKeys();
    const key = await importJWK(cis2SigningKey, "RS256");
    return new SignJWT({ authentication_assurance_level: "3", acr: "AAL3_ANY" })
      .setProtectedHeader({ alg: "RS256", kid: cis2SigningKey.kid })
      .setIssuer(CIS2_ISSUER)
      .setSubject("656005750104")
      .setAudience("test-client")
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);
  }

  async function signedInSession(sessions: InMemorySessionStore): Promise<ServerSession> {
    const session = {
      id: crypto.randomUUID(),
      user: { uid: "656005750104", name: "Priya Raman" },
      assurance: { authenticationLevel: 3, identityLevel: 3, acr: "AAL3_ANY", amr: ["N3_SMARTCARD"] },
      roles: [],
      selectedRoleId: null,
      idToken: await cis2IdToken(),
      patientRefs: {},
      createdAt: Date.now(),
      lastSeenAt: Date.now(),
      expiresAt: Date.now() + 3_600_000,
    } satisfies ServerSession;
    await sessions.create(session);
    return session;
  }

  it("exchanges the user's CIS2 id token once, keeps the token in their server-side session, refreshes it when it lapses, and has none after sign-out", async () => {
    let now = Date.now();
    const sessions = new InMemorySessionStore();
    const auth = authoriser({ sessions, now: () => now });
    const session = await signedInSession(sessions);

    const [first, again] = await Promise.all([auth.authorise("pds", session.id), auth.authorise("pds", session.id)]);
    expect(first).toEqual(again);
    expect(tokenCalls().map((call) => call.grant)).toEqual(["urn:ietf:params:oauth:grant-type:token-exchange"]);
    expect((await sessions.get(session.id))?.apimUserToken?.refreshToken).toBeTruthy();

    now += 560_000;
    const refreshed = await auth.authorise("pds", session.id);
    expect(refreshed.kind).toBe("ok");
    expect(refreshed).not.toEqual(first);
    expect(tokenCalls().map((call) => call.grant)).toEqual(["urn:ietf:params:oauth:grant-type:token-exchange", "refresh_token"]);

    await sessions.delete(session.id);
    expect(await auth.authorise("pds", session.id)).toMatchObject({ kind: "failed", failure: { error: "no_session" } });
  });

  it("a user token is accepted where a user-restricted token is required", async () => {
    const sessions = new InMemorySessionStore();
    const auth = authoriser({ sessions });
    const session = await signedInSession(sessions);
    const nhs = new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 0, fetchImpl: viaStandIn, authoriser: auth });
    const response = await nhs.call({
      api: "pds",
      baseUrl: `http://localhost:9999${NHS_APIS.pds.basePath}`,
      method: "GET",
      path: "/Patient/9000000009",
      schema: { safeParse: (value: unknown) => ({ success: true, data: value }) } as never,
      context: { correlationId: crypto.randomUUID(), sessionId: session.id },
    });
    expect(response.kind).toBe("ok");
  });
});
