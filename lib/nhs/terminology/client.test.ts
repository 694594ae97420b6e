import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { RELEASES } from "@/sandbox/terminology/concepts";
import { listeningTestSandbox, TEST_TERMINOLOGY_CLIENT, testKeys } from "@/sandbox/testing/support";
import { exportJWK } from "jose";
import type { PrivateRsaJwk } from "@/lib/config/build";
import { CONFIGURED_APIS, type AuthPattern, type ConfiguredApi } from "@/lib/config/apis";
import { InMemorySessionStore } from "@/lib/state/session-store";
import { NHS_APIS } from "../catalogue";
import { VACCINE_TYPE_CODING } from "../immunisation/vaccine-types";
import { ApimAuthoriser } from "../transport/apim-auth";
import { NhsApiClient } from "../transport/client";
import { TerminologyClient } from "./client";

const context = { correlationId: "0c1b2e3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e" };

let sandbox: Sandbox;
let BASE: string;
let TOKEN_URL: string;
let signingKey: PrivateRsaJwk;
/** Every request that reached the stand-in, by path. */
let paths: string[] = [];

beforeAll(async () => {
  // listening, so that injected faults apply as on the wire
  const started = await listeningTestSandbox({ mode: "integration" });
  sandbox = started.sandbox;
  BASE = `${started.origin}${NHS_APIS.terminology.basePath}`;
  TOKEN_URL = `${started.origin}${NHS_APIS.terminology.tokenPath}`;
  signingKey = { ...(await exportJWK((await testKeys()).appPrivateKey)), kid: "test-app-key" } as PrivateRsaJwk;
});
afterAll(() => sandbox.app.close());

const counting = ((input: string | URL | Request, init?: RequestInit) => {
  paths.push(new URL(String(input)).pathname);
  return fetch(input, init);
}) as typeof fetch;

/** The client as the app builds it for NHS_ENV=int: a token from the Terminology Server's own authorisation server. */
function terminology(options: { secret?: string; now?: () => number } = {}) {
  const authoriser = new ApimAuthoriser({
    credentials: { tokenUrl: null, apiKey: null, clientSecret: null, signingKey, publishedKeys: [signingKey] },
    clientSecrets: {
      terminology: { tokenUrl: TOKEN_URL, clientId: TEST_TERMINOLOGY_CLIENT.clientId, clientSecret: options.secret ?? TEST_TERMINOLOGY_CLIENT.clientSecret },
    },
    apis: Object.fromEntries(CONFIGURED_APIS.map((api) => [api, { auth: api === "terminology" ? "client-secret" : "none" }])) as Record<
      ConfiguredApi,
      { auth: AuthPattern }
    >,
    sessions: new InMemorySessionStore(),
    fetchImpl: counting,
    timeoutMs: 2000,
  });
  const nhs = new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 1, fetchImpl: counting, authoriser });
  return new TerminologyClient(nhs, BASE, { now: options.now });
}

describe("Terminology Server client (issue 20)", () => {
  it("expands a vaccine type's products with a text filter: only that type's, each with its SNOMED code and term", async () => {
    const client = terminology();
    const flu = await client.expand({ kind: "products", vaccineType: "FLU" }, "fluenz", context);
    if (flu.kind !== "found") throw new Error(flu.kind);
    expect(flu.concepts.map((concept) => concept.display)).toEqual([
      "Fluenz nasal suspension (AstraZeneca UK Ltd)",
      expect.stringContaining("Fluenz Trivalent"),
    ]);
    expect(flu.version).toBe(RELEASES[1]);
    const everyFlu = await client.expand({ kind: "products", vaccineType: "FLU" }, "", context, 100);
    const everyCovid = await client.expand({ kind: "products", vaccineType: "COVID" }, "", context, 100);
    if (everyFlu.kind !== "found" || everyCovid.kind !== "found") throw new Error("not found");
    expect(everyFlu.total).toBe(10);
    // the type's product concept itself is not a product to pick, and no COVID product is a flu one
    expect(everyFlu.concepts.map((concept) => concept.code)).not.toContain(VACCINE_TYPE_CODING.FLU.productAncestor.code);
    expect(everyFlu.concepts.filter((concept) => everyCovid.concepts.some((covid) => covid.code === concept.code))).toEqual([]);
    const sites = await client.expand({ kind: "sites" }, "left arm", context);
    expect(sites.kind === "found" && sites.concepts).toEqual([{ code: "368208006", display: "Left upper arm structure" }]);
    const routes = await client.expand({ kind: "routes" }, "intramusc", context);
    expect(routes.kind === "found" && routes.concepts).toEqual([{ code: "78421000", display: "Intramuscular route" }]);
  });

  it("looks up a preferred term, and says when a code is not a concept", async () => {
    const client = terminology();
    expect(await client.lookup("43208811000001106", context)).toMatchObject({ kind: "found", display: "Fluenz nasal suspension (AstraZeneca UK Ltd)" });
    expect(await client.lookup("12345678", context)).toEqual({ kind: "not-found", code: "12345678" });
    expect(await client.lookup("not-a-code", context)).toEqual({ kind: "not-found", code: "not-a-code" });
  });

  it("takes one token for many calls, and answers repeats from its cache without calling", async () => {
    const client = terminology();
    paths = [];
    await Promise.all(["sh", "shi", "shin", "shing", "shingr"].map((typed) => client.expand({ kind: "products", vaccineType: "SHINGLES" }, typed, context)));
    expect(paths.filter((path) => path.endsWith("/token"))).toHaveLength(1);
    expect(paths.filter((path) => path.endsWith("/ValueSet/$expand"))).toHaveLength(5);
    paths = [];
    await client.expand({ kind: "products", vaccineType: "SHINGLES" }, "  SHINGR ", context);
    await client.lookup("38737511000001105", context);
    await client.lookup("38737511000001105", context);
    expect(paths.filter((path) => path.includes("$"))).toEqual([`${NHS_APIS.terminology.basePath}/CodeSystem/$lookup`]);
  });

  it("keys its cache by the release the server reports: another release replaces what it holds", async () => {
    let now = Date.now();
    const client = terminology({ now: () => now });
    const latest = await client.expand({ kind: "products", vaccineType: "COVID" }, "LP.8.1", context);
    expect(latest.kind === "found" && latest.concepts).toHaveLength(2);
    expect(client.cachedVersion).toBe(RELEASES[1]);
    sandbox.terminology.currentRelease = RELEASES[0];
    try {
      // within the recheck period the release is taken as unchanged
      expect(await client.expand({ kind: "products", vaccineType: "COVID" }, "LP.8.1", context)).toMatchObject({ total: 2 });
      now += 2 * 60 * 60 * 1000;
      const earlier = await client.expand({ kind: "products", vaccineType: "COVID" }, "LP.8.1", context);
      expect(earlier).toMatchObject({ kind: "found", total: 0, version: RELEASES[0] });
      expect(client.cachedVersion).toBe(RELEASES[0]);
      // a term as the earlier release had it
      const arexvy = await client.expand({ kind: "products", vaccineType: "RSV" }, "arexvy", context);
      expect(arexvy.kind === "found" && arexvy.concepts.map((concept) => concept.display)).toContain(
        "Arexvy powder and suspension for suspension for injection 0.5ml vial (GlaxoSmithKline UK Ltd)",
      );
    } finally {
      sandbox.terminology.currentRelease = RELEASES[1];
    }
  });

  it("when the server is down, answers from the last release it saw, and says so; with nothing held, fails", async () => {
    let now = Date.now();
    const client = terminology({ now: () => now });
    await client.expand({ kind: "products", vaccineType: "MMR" }, "", context);
    now += 2 * 60 * 60 * 1000;
    sandbox.faults.set({ target: "terminology", kind: "status", status: 503 });
    try {
      expect(await client.expand({ kind: "products", vaccineType: "MMR" }, "", context)).toMatchObject({ kind: "found", stale: true });
      expect(await client.expand({ kind: "products", vaccineType: "HPV" }, "", context)).toMatchObject({ kind: "failed", failure: { status: 503 } });
    } finally {
      sandbox.faults.clear();
    }
  });

  it("a refused secret is a failure with the authorisation server's words, and no call goes out; no token is refused by the server", async () => {
    paths = [];
    const refused = await terminology({ secret: "not-the-secret" }).expand({ kind: "routes" }, "", context);
    expect(refused).toMatchObject({ kind: "failed", failure: { kind: "auth-failed", failure: { status: 401, error: "unauthorized_client" } } });
    expect(paths.some((path) => path.includes("$expand"))).toBe(false);
    const bare = new TerminologyClient(new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 1, fetchImpl: counting }), BASE);
    expect(await bare.expand({ kind: "routes" }, "", context)).toMatchObject({ kind: "failed", failure: { status: 401 } });
  });
});
