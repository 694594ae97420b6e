import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { CONFIGURED_APIS, type AuthPattern, type ConfiguredApi } from "@/lib/config/apis";
import type { PrivateRsaJwk } from "@/lib/config/build";
import { ApimAuthoriser } from "@/lib/nhs/transport/apim-auth";
import { InMemorySessionStore } from "@/lib/state/session-store";
import { freshPostgresDatabase, poolFor } from "@/tests/store-backends";
import { PostgresTokenCache } from "./postgres-token-cache";
import { Sealer } from "./sealing";

const SEALER = new Sealer([{ kid: "2026-11", key: Buffer.alloc(32, 0x33) }]);

const TOKEN_URL = "http://token.invalid/oauth2/token";

/** A token endpoint that takes a moment to answer, counting the calls it gets. */
function slowTokenEndpoint() {
  const endpoint = {
    calls: 0,
    fetch: (async () => {
      endpoint.calls += 1;
      const issued = endpoint.calls;
      await new Promise((resolve) => setTimeout(resolve, 150));
      return Response.json({ access_token: `token-${issued}`, expires_in: "599" });
    }) as unknown as typeof fetch,
  };
  return endpoint;
}

// one key for every instance: making RSA keys is slow on a busy machine, and the assertions are never checked here
const signingKeyMade = generateKeyPair("RS512", { extractable: true }).then(
  async ({ privateKey }) => ({ ...(await exportJWK(privateKey)), kid: "test" }) as PrivateRsaJwk,
);

async function instance(databaseUrl: string, fetchImpl: typeof fetch) {
  const signingKey = await signingKeyMade;
  return new ApimAuthoriser({
    credentials: { tokenUrl: TOKEN_URL, apiKey: "test-api-key", clientSecret: "test-secret", signingKey, publishedKeys: [signingKey] },
    apis: Object.fromEntries(CONFIGURED_APIS.map((api) => [api, { auth: "signed-jwt" as AuthPattern }])) as Record<ConfiguredApi, { auth: AuthPattern }>,
    sessions: new InMemorySessionStore(),
    cache: new PostgresTokenCache(poolFor(databaseUrl), SEALER),
    fetchImpl,
    timeoutMs: 2_000,
  });
}

describe("the API platform's application token in PostgreSQL (issue 17)", () => {
  it("three instances needing a token at once make one token call between them, and all use its token", async () => {
    const url = await freshPostgresDatabase();
    const endpoint = slowTokenEndpoint();
    const instances = await Promise.all([1, 2, 3].map(() => instance(url, endpoint.fetch)));
    const tokens = await Promise.all(instances.flatMap((authoriser) => [1, 2, 3, 4].map(() => authoriser.applicationToken())));
    expect(endpoint.calls).toBe(1);
    expect(new Set(tokens.map((token) => (token.kind === "ok" ? token.accessToken : token.failure.error)))).toEqual(new Set(["token-1"]));
  });

  it("after a 401, the next call by any instance fetches a new token, once", async () => {
    const url = await freshPostgresDatabase();
    const endpoint = slowTokenEndpoint();
    const [first, second] = await Promise.all([instance(url, endpoint.fetch), instance(url, endpoint.fetch)]);
    await first.applicationToken();
    await first.forget("bars", undefined);
    const tokens = await Promise.all([first.applicationToken(), second.applicationToken(), second.applicationToken()]);
    expect(endpoint.calls).toBe(2);
    expect(tokens.map((token) => token.kind === "ok" && token.accessToken)).toEqual(["token-2", "token-2", "token-2"]);
  });

  it("keeps the token sealed at rest, bound to its row: the table holds no token text, and a moved or unreadable row is no token", async () => {
    const url = await freshPostgresDatabase();
    const cache = new PostgresTokenCache(poolFor(url), SEALER);
    const accessToken = "Ro4pBvJq8sKx2Yh7Tn0aLm5Wc3";
    await cache.set("signed-jwt", { accessToken, expiresAt: 1_900_000_000_000 });
    const { rows } = await poolFor(url).query<{ access_token: string }>("SELECT access_token FROM apim_tokens");
    const stored = rows[0]!.access_token;
    expect(stored).toMatch(/^v1\.2026-11\./);
    for (const part of [accessToken, accessToken.slice(0, 8), Buffer.from(accessToken).toString("base64").slice(0, 12)]) expect(stored).not.toContain(part);
    expect(await cache.get("signed-jwt")).toEqual({ accessToken, expiresAt: 1_900_000_000_000 });

    // copied to another key's row, it does not open there; nor under keys that no longer include its own
    await poolFor(url).query("INSERT INTO apim_tokens (key, access_token, expires_at) VALUES ('api-key', $1, 1900000000000)", [stored]);
    expect(await cache.get("api-key")).toBeNull();
    expect(await new PostgresTokenCache(poolFor(url), new Sealer([{ kid: "2027-05", key: Buffer.alloc(32, 0x44) }])).get("signed-jwt")).toBeNull();
  });

  it("says the token cache cannot be reached, as a token failure, when the database is down", async () => {
    const authoriser = await instance("postgres://postgres@127.0.0.1:1/nowhere", slowTokenEndpoint().fetch);
    expect(await authoriser.applicationToken()).toMatchObject({ kind: "failed", failure: { status: null, error: "token_cache_unavailable" } });
  });
});
