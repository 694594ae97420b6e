import { exportJWK, generateKeyPair } from "jose";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditChainKeysFromEnvironment, buildAppConfig, describeRouting } from "./build";
import { publicJwks } from "./jwks";

let secretsDir: string;
let keys: Array<Record<string, unknown>>;

beforeAll(async () => {
  keys = [];
  for (const kid of ["key-2026-11", "key-2027-05"]) {
    const { privateKey } = await generateKeyPair("RS512", { extractable: true });
    keys.push({ ...(await exportJWK(privateKey)), kid });
  }
  secretsDir = mkdtempSync(join(tmpdir(), "crv-config-"));
  mkdirSync(join(secretsDir, "keys"));
  writeFileSync(join(secretsDir, "session-secret"), "s".repeat(48));
  writeFileSync(join(secretsDir, "keys", "cis2-client.private.jwk.json"), JSON.stringify(keys[0]));
});

const build = (env: Record<string, string>) => buildAppConfig({ LOCAL_SECRETS_DIR: secretsDir, ...env });

/** Outside local, where documents are fetched from must be given; with int, the audit chain's key too. */
const ORIGINS = {
  NRL_DOCUMENT_ORIGINS: "https://documents.example.nhs.uk",
  ERS_ATTACHMENT_ORIGINS: "https://ers-attachments.example.nhs.uk",
  AUDIT_CHAIN_KEYS: `audit-2026-11:${Buffer.alloc(32, 1).toString("base64")}`,
  TERMINOLOGY_CLIENT_ID: "care-record-viewer",
  TERMINOLOGY_CLIENT_SECRET: "terminology-secret-value",
};

describe("API platform credentials at start-up", () => {
  it("int without an API key, token endpoint or secret stops, naming each setting and why", () => {
    expect(() => build({ NHS_ENV: "int", ...ORIGINS })).toThrow(
      /APIM_API_KEY: required, because pds, scr, eps, ers, bars, immunisation, nrl, service-search, ods/,
    );
    expect(() => build({ NHS_ENV: "int", ...ORIGINS })).toThrow(/APIM_CLIENT_SECRET: required/);
    expect(() => build({ NHS_ENV: "int", ...ORIGINS, APIM_API_KEY: "k".repeat(20), APIM_CLIENT_SECRET: "s".repeat(20), APIM_TOKEN_URL: "not a url" })).toThrow(
      /APIM_TOKEN_URL/,
    );
  });

  it("two keys live for a rotation: the chosen one signs, both are published, and nothing private is", () => {
    const config = build({
      NHS_ENV: "int",
      ...ORIGINS,
      APIM_API_KEY: "k".repeat(20),
      APIM_CLIENT_SECRET: "s".repeat(20),
      APIM_PRIVATE_JWKS: JSON.stringify(keys),
      APIM_SIGNING_KID: "key-2027-05",
    });
    expect(config.apim.signingKey.kid).toBe("key-2027-05");
    const published = publicJwks(config.apim.publishedKeys);
    expect(published.keys.map((key) => key.kid)).toEqual(["key-2027-05", "key-2026-11"]);
    expect(JSON.stringify(published)).not.toMatch(/"(d|p|q|dp|dq|qi)":/);
  });

  it("refuses a signing kid that is not among the keys, and keys that are not private RSA JWKs", () => {
    expect(() => build({ APIM_PRIVATE_JWKS: JSON.stringify(keys), APIM_SIGNING_KID: "nope" })).toThrow(
      /APIM_SIGNING_KID: no key in APIM_PRIVATE_JWKS has the kid nope/,
    );
    expect(() => build({ APIM_PRIVATE_JWKS: '[{"kty":"EC"}]' })).toThrow(/APIM_PRIVATE_JWKS/);
  });

  it("start-up names where each API goes and how it is authorised, with no secret in it", () => {
    const secret = "super-secret-client-value";
    const lines = describeRouting(build({ NHS_ENV: "int", ...ORIGINS, APIM_API_KEY: "k".repeat(20), APIM_CLIENT_SECRET: secret })).join("\n");
    expect(lines).toMatch(/pds +https:\/\/int\.api\.service\.nhs\.uk\/personal-demographics\/FHIR\/R4 +\(cis2-token-exchange\)/);
    expect(lines).toContain("(api-key)");
    expect(lines).toContain("signing key key-2026-11");
    expect(lines).not.toContain(secret);
    expect(lines).not.toContain("k".repeat(20));
    expect(lines).toMatch(/terminology +https:\/\/ontology\.nhs\.uk\/production1\/fhir +\(client-secret\)/);
    expect(lines).toContain("terminology token endpoint https://ontology.nhs.uk/authorisation/");
    expect(lines).not.toContain("terminology-secret-value");
    // the NHS App is on only where the organisation is an NHS App partner, and start-up says which
    expect(lines).toMatch(/nhs-app +https:\/\/int\.api\.service\.nhs\.uk\/nhs-app +\(signed-jwt\)/);
    expect(lines).toContain("NHS App messaging off (NHS_APP_MESSAGING)");
    const on = describeRouting(build({ NHS_ENV: "int", ...ORIGINS, APIM_API_KEY: "k".repeat(20), APIM_CLIENT_SECRET: secret, NHS_APP_MESSAGING: "on" })).join(
      "\n",
    );
    expect(on).toContain("NHS App messaging on");
  });
});

describe("the Terminology Server's own authorisation server at start-up (issue 20)", () => {
  const platform = {
    NHS_ENV: "int",
    NRL_DOCUMENT_ORIGINS: ORIGINS.NRL_DOCUMENT_ORIGINS,
    ERS_ATTACHMENT_ORIGINS: ORIGINS.ERS_ATTACHMENT_ORIGINS,
    AUDIT_CHAIN_KEYS: ORIGINS.AUDIT_CHAIN_KEYS,
    APIM_API_KEY: "k".repeat(20),
    APIM_CLIENT_SECRET: "s".repeat(20),
  };

  it("int without the system account stops, naming each setting", () => {
    expect(() => build(platform)).toThrow(/TERMINOLOGY_CLIENT_ID: required, because TERMINOLOGY_AUTH is client-secret/);
    expect(() => build(platform)).toThrow(/TERMINOLOGY_CLIENT_SECRET: required/);
    expect(() => build({ ...platform, TERMINOLOGY_CLIENT_ID: "crv", TERMINOLOGY_CLIENT_SECRET: "short" })).toThrow(/TERMINOLOGY_CLIENT_SECRET/);
  });

  it("local uses the stand-in's account when asked to authorise, and no platform credentials are demanded for it alone", () => {
    const config = build({ TERMINOLOGY_AUTH: "client-secret" });
    expect(config.clientSecrets.terminology).toEqual({
      tokenUrl: "http://localhost:9000/authorisation/auth/realms/nhs-digital-terminology/protocol/openid-connect/token",
      clientId: "care-record-viewer-local",
      clientSecret: "care-record-viewer-local-terminology-secret",
    });
    expect(build({}).clientSecrets).toEqual({});
    expect(() => build({ PDS_AUTH: "client-secret" })).toThrow(/only the Terminology Server has its own authorisation server/);
  });
});

describe("the audit chain's keys", () => {
  it("are AUDIT_CHAIN_KEYS when set, else one derived from the session secret, the same for audit:verify as for the app", () => {
    const derived = build({}).auditChainKeys;
    expect(derived).toEqual([{ kid: "derived", key: expect.any(Buffer) }]);
    expect(derived[0].key.equals(build({ SESSION_SECRET: "t".repeat(48) }).auditChainKeys[0].key)).toBe(false);
    expect(auditChainKeysFromEnvironment({ LOCAL_SECRETS_DIR: secretsDir })).toEqual(derived);
    const set = `audit-2026-11:${Buffer.alloc(32, 1).toString("base64")},audit-2026-05:${Buffer.alloc(32, 2).toString("base64")}`;
    expect(build({ AUDIT_CHAIN_KEYS: set }).auditChainKeys.map((key) => key.kid)).toEqual(["audit-2026-11", "audit-2026-05"]);
    expect(auditChainKeysFromEnvironment({ AUDIT_CHAIN_KEYS: set }).map((key) => key.kid)).toEqual(["audit-2026-11", "audit-2026-05"]);
    expect(() => auditChainKeysFromEnvironment({ LOCAL_SECRETS_DIR: join(secretsDir, "nowhere") })).toThrow(/AUDIT_CHAIN_KEYS \(or SESSION_SECRET\): not set/);
  });

  it("must be set with NHS_ENV=int, each kid:32 bytes, each kid once", () => {
    const { AUDIT_CHAIN_KEYS: _, ...withoutKey } = ORIGINS;
    expect(() => build({ NHS_ENV: "int", ...withoutKey })).toThrow(/AUDIT_CHAIN_KEYS: must be set with NHS_ENV=int/);
    expect(() => build({ AUDIT_CHAIN_KEYS: `short:${Buffer.alloc(16).toString("base64")}` })).toThrow(
      /AUDIT_CHAIN_KEYS: each key is kid:base64 of 32 random bytes/,
    );
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(() => build({ AUDIT_CHAIN_KEYS: `a:${key},a:${key}` })).toThrow(/AUDIT_CHAIN_KEYS: each key needs its own kid/);
  });
});

describe("GP Connect at start-up (issue 21)", () => {
  const platform = {
    NHS_ENV: "int",
    NRL_DOCUMENT_ORIGINS: ORIGINS.NRL_DOCUMENT_ORIGINS,
    ERS_ATTACHMENT_ORIGINS: ORIGINS.ERS_ATTACHMENT_ORIGINS,
    AUDIT_CHAIN_KEYS: ORIGINS.AUDIT_CHAIN_KEYS,
    APIM_API_KEY: "k".repeat(20),
    APIM_CLIENT_SECRET: "s".repeat(20),
    TERMINOLOGY_CLIENT_ID: "crv",
    TERMINOLOGY_CLIENT_SECRET: "t".repeat(20),
  };

  it("is on with the stand-in's SSP and ASID locally, without TLS", () => {
    expect(build({}).gpConnect).toEqual({ kind: "on", asid: "200000000900", tls: null });
  });

  it("is off with int until the SSP, the ASID and the TLS files are all given, and start-up says which are missing", () => {
    const config = build({ ...platform, SSP_BASE_URL: "https://proxy.intspineservices.nhs.uk", GPCONNECT_ASID: "200000099999" });
    expect(config.gpConnect).toEqual({ kind: "off", missing: ["SSP_CLIENT_CERT_FILE", "SSP_CLIENT_KEY_FILE", "SSP_CA_FILE"] });
    expect(describeRouting(config).join("\n")).toContain("GP Connect off (needs HSCN): set SSP_CLIENT_CERT_FILE, SSP_CLIENT_KEY_FILE, SSP_CA_FILE");
  });

  it("stops when a TLS file named is not there, and refuses an ASID that is not 12 digits", () => {
    const files = { SSP_CLIENT_CERT_FILE: "/nowhere/client.crt", SSP_CLIENT_KEY_FILE: "package.json", SSP_CA_FILE: "package.json" };
    expect(() => build({ ...platform, SSP_BASE_URL: "https://proxy.intspineservices.nhs.uk", GPCONNECT_ASID: "200000099999", ...files })).toThrow(
      /SSP_CLIENT_CERT_FILE: no file at \/nowhere\/client\.crt/,
    );
    expect(() => build({ GPCONNECT_ASID: "12345" })).toThrow(/GPCONNECT_ASID: an ASID is 12 digits/);
  });
});
