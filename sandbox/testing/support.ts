import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll } from "vitest";
import { generateSigningKey } from "../cis2/provider";
import { buildSandbox, type Sandbox, type SandboxOptions } from "../server";

export const TEST_API_KEY = "test-application-api-key";
export const TEST_CLIENT_SECRET = "test-application-secret";
export const TEST_TERMINOLOGY_CLIENT = { clientId: "test-terminology-client", clientSecret: "test-terminology-secret" };

/** Keys made once per test file: RSA key generation is the slow part of building a stand-in. */
const keys = (async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS512", { extractable: true });
  return {
    appPrivateKey: privateKey,
    appPublicJwk: { ...(await exportJWK(publicKey)), kid: "test-app-key", alg: "RS512", use: "sig" },
    cis2SigningKey: await generateSigningKey(),
  };
})();

export async function testKeys() {
  return keys;
}

/** A stand-in for a test file, not listening; requests go through Fastify's inject. */
export async function buildTestSandbox(overrides: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const { appPublicJwk, cis2SigningKey } = await keys;
  return buildSandbox({
    publicBaseUrl: "http://localhost:9999",
    cis2Client: { clientId: "test-client", appBaseUrl: "http://localhost:3999", jwks: { keys: [appPublicJwk] } },
    cis2SigningKey,
    applications: [{ apiKey: TEST_API_KEY, clientSecret: TEST_CLIENT_SECRET, jwks: { keys: [appPublicJwk] } }],
    terminologyClients: [TEST_TERMINOLOGY_CLIENT],
    ...overrides,
  });
}

/**
 * The stand-in for one test file: built before its tests and closed after them. The value stands for the
 * stand-in once it is built (use it inside tests and hooks, not at the top of the file).
 */
export function testSandboxPerFile(overrides: Partial<SandboxOptions> = {}): Sandbox {
  let built: Sandbox | undefined;
  beforeAll(async () => {
    built = await buildTestSandbox(overrides);
  });
  afterAll(() => built?.app.close());
  return new Proxy({} as Sandbox, { get: (_target, key) => Reflect.get(built ?? {}, key) });
}

export const uuid = () => crypto.randomUUID();

export function outcomeCode(body: { issue?: Array<{ details?: { coding?: Array<{ code?: string }> } }> }): string | undefined {
  return body.issue?.[0]?.details?.coding?.[0]?.code;
}

/** A stand-in listening on a free loopback port, for tests that need the real socket path (faults, timeouts). */
export async function listeningTestSandbox(overrides: Partial<SandboxOptions> = {}): Promise<{ sandbox: Sandbox; origin: string }> {
  const sandbox = await buildTestSandbox(overrides);
  await sandbox.app.listen({ port: 0, host: "127.0.0.1" });
  const address = sandbox.app.server.address();
  return { sandbox, origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

/** A fetch that answers from a (not listening) stand-in through Fastify's inject, as a client sees it. */
export function fetchThrough(sandbox: Sandbox): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const answer = await sandbox.app.inject({
      method: (init?.method ?? "GET") as "GET",
      url: `${url.pathname}${url.search}`,
      headers: { "x-request-id": crypto.randomUUID(), ...(init?.headers as Record<string, string>) },
      ...(init?.body ? { payload: String(init.body) } : {}),
    });
    // a 204 or 304 may have no body at all, not even an empty one
    const body = answer.statusCode === 204 || answer.statusCode === 304 ? null : new Uint8Array(answer.rawPayload);
    return new Response(body, { status: answer.statusCode, headers: answer.headers as Record<string, string> });
  }) as typeof fetch;
}

/** GET through inject, with the JSON body parsed. */
export async function getJson(sandbox: Sandbox, url: string) {
  const response = await sandbox.app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
}
