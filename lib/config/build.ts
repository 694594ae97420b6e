import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { type AuditChainKey, derivedAuditChainKey } from "../audit/audit-row";
import type { ConfiguredApi } from "./apis";
import { type MeshSettings, meshSettings } from "./mesh";
import { appSettingsSchema, ConfigurationError, parseAppSettings, type AppSettings } from "./schema";

export { CIS2_REALM_PATH, ConfigurationError } from "./schema";
export type { AppSettings } from "./schema";

const privateRsaJwkSchema = z.object({
  kty: z.literal("RSA"),
  kid: z.string().min(1),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1),
  p: z.string().optional(),
  q: z.string().optional(),
  dp: z.string().optional(),
  dq: z.string().optional(),
  qi: z.string().optional(),
  alg: z.string().optional(),
  use: z.string().optional(),
});

export type PrivateRsaJwk = z.infer<typeof privateRsaJwkSchema>;

export interface ApimCredentials {
  tokenUrl: string | null;
  apiKey: string | null;
  clientSecret: string | null;
  /** Signs client assertions. */
  signingKey: PrivateRsaJwk;
  /** Every key whose public part is published (the signing key first); two during a rotation. */
  publishedKeys: PrivateRsaJwk[];
}

/** An API's own authorisation server (OAuth client credentials with a client secret), off the API platform. */
export interface ClientSecretCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** GP Connect (through the SSP): on, with this service's ASID and its TLS files (null on the stand-in), or off and why. */
export type GpConnectSettings =
  | { kind: "on"; asid: string; tls: { certFile: string; keyFile: string; caFile: string } | null }
  | { kind: "off"; missing: string[] };

export interface AppConfig extends AppSettings {
  gpConnect: GpConnectSettings;
  sessionSecret: string;
  /** AUDIT_CHAIN_KEYS, or one key derived from the session secret (not with NHS_ENV=int: the schema requires the setting). */
  auditChainKeys: readonly [AuditChainKey, ...AuditChainKey[]];
  cis2ClientPrivateJwk: PrivateRsaJwk;
  apim: ApimCredentials;
  /** The client credentials of each API authorised by its own authorisation server (client-secret). */
  clientSecrets: Partial<Record<ConfiguredApi, ClientSecretCredentials>>;
  /** MESH for GP Connect Send Document: where, which mailbox, its secrets and TLS files (checked at start-up); null, off. */
  mesh: MeshSettings | null;
  dataDir: string;
}

/** The stand-in's registered application, used only with NHS_ENV=local. */
const LOCAL_APPLICATION = { apiKey: "care-record-viewer-local-api-key", clientSecret: "care-record-viewer-local-secret" };
/** The stand-in Terminology Server's system account, used only with NHS_ENV=local. */
export const LOCAL_TERMINOLOGY_CLIENT = { clientId: "care-record-viewer-local", clientSecret: "care-record-viewer-local-terminology-secret" };

/** The Terminology Server's system account, when an API is set to client-secret; a missing part stops start-up. */
function clientSecretCredentials(settings: AppSettings): Partial<Record<ConfiguredApi, ClientSecretCredentials>> {
  const using = Object.entries(settings.apis)
    .filter(([, endpoint]) => endpoint.auth === "client-secret")
    .map(([api]) => api as ConfiguredApi);
  if (!using.length) return {};
  const problems: string[] = [];
  if (using.some((api) => api !== "terminology"))
    problems.push(`${using.join(", ")}: only the Terminology Server has its own authorisation server (client-secret)`);
  const local = settings.NHS_ENV === "local";
  const clientId = settings.TERMINOLOGY_CLIENT_ID ?? (local ? LOCAL_TERMINOLOGY_CLIENT.clientId : null);
  const clientSecret = settings.TERMINOLOGY_CLIENT_SECRET ?? (local ? LOCAL_TERMINOLOGY_CLIENT.clientSecret : null);
  if (!clientId) problems.push("TERMINOLOGY_CLIENT_ID: required, because TERMINOLOGY_AUTH is client-secret (the system account's client id)");
  if (!clientSecret) problems.push("TERMINOLOGY_CLIENT_SECRET: required, because TERMINOLOGY_AUTH is client-secret (the system account's secret)");
  if (problems.length) throw new ConfigurationError(problems);
  return { terminology: { tokenUrl: settings.TERMINOLOGY_TOKEN_URL, clientId: clientId!, clientSecret: clientSecret! } };
}

/** The stand-in's ASID for this service, used only with NHS_ENV local and sandbox. */
export const LOCAL_GPCONNECT_ASID = "200000000900";

/**
 * GP Connect needs HSCN: with NHS_ENV=int it is on only when the SSP, the ASID and the TLS files are all given, and
 * otherwise off (the tab says so) rather than failing patient by patient. Local and sandbox use the stand-in's SSP.
 */
function gpConnectSettings(settings: AppSettings, env: Record<string, string | undefined>): GpConnectSettings {
  if (settings.NHS_ENV !== "int") return { kind: "on", asid: settings.GPCONNECT_ASID ?? LOCAL_GPCONNECT_ASID, tls: null };
  const missing = (["SSP_BASE_URL", "GPCONNECT_ASID", "SSP_CLIENT_CERT_FILE", "SSP_CLIENT_KEY_FILE", "SSP_CA_FILE"] as const).filter((name) => !env[name]);
  if (missing.length) return { kind: "off", missing };
  const unreadable = (["SSP_CLIENT_CERT_FILE", "SSP_CLIENT_KEY_FILE", "SSP_CA_FILE"] as const).filter((name) => !existsSync(resolve(env[name]!)));
  if (unreadable.length) throw new ConfigurationError(unreadable.map((name) => `${name}: no file at ${resolve(env[name]!)}`));
  return {
    kind: "on",
    asid: settings.GPCONNECT_ASID!,
    tls: { certFile: settings.SSP_CLIENT_CERT_FILE!, keyFile: settings.SSP_CLIENT_KEY_FILE!, caFile: settings.SSP_CA_FILE! },
  };
}

function apimCredentials(settings: AppSettings, localKey: PrivateRsaJwk): ApimCredentials {
  const problems: string[] = [];
  const uses = (pattern: string) =>
    Object.entries(settings.apis)
      .filter(([, endpoint]) => endpoint.auth === pattern)
      .map(([api]) => api);
  const tokenApis = Object.entries(settings.apis)
    .filter(([, endpoint]) => endpoint.auth === "signed-jwt" || endpoint.auth === "cis2-token-exchange")
    .map(([api]) => api);
  const credentialApis = Object.entries(settings.apis)
    .filter(([, endpoint]) => endpoint.auth !== "none" && endpoint.auth !== "client-secret")
    .map(([api]) => api);
  const local = settings.NHS_ENV === "local";
  const apiKey = settings.APIM_API_KEY ?? (local ? LOCAL_APPLICATION.apiKey : null);
  const clientSecret = settings.APIM_CLIENT_SECRET ?? (local ? LOCAL_APPLICATION.clientSecret : null);
  if (credentialApis.length && !apiKey) problems.push(`APIM_API_KEY: required, because ${credentialApis.join(", ")} use the API platform's credentials`);
  if (tokenApis.length && !settings.APIM_TOKEN_URL) problems.push(`APIM_TOKEN_URL: required, because ${tokenApis.join(", ")} need access tokens`);
  if (uses("cis2-token-exchange").length && !clientSecret)
    problems.push(`APIM_CLIENT_SECRET: required to refresh the tokens ${uses("cis2-token-exchange").join(", ")} use`);
  let keys: PrivateRsaJwk[] = [localKey];
  if (settings.APIM_PRIVATE_JWKS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(settings.APIM_PRIVATE_JWKS);
    } catch {
      parsed = null;
    }
    const result = z.array(privateRsaJwkSchema).min(1).safeParse(parsed);
    if (result.success) keys = result.data;
    else problems.push("APIM_PRIVATE_JWKS: must be a JSON array of private RSA JWKs, each with a kid");
  }
  if (new Set(keys.map((key) => key.kid)).size !== keys.length) problems.push("APIM_PRIVATE_JWKS: each key needs its own kid");
  const signingKey = settings.APIM_SIGNING_KID ? keys.find((key) => key.kid === settings.APIM_SIGNING_KID) : keys[0];
  if (!signingKey) problems.push(`APIM_SIGNING_KID: no key in APIM_PRIVATE_JWKS has the kid ${settings.APIM_SIGNING_KID}`);
  if (problems.length) throw new ConfigurationError(problems);
  return {
    tokenUrl: settings.APIM_TOKEN_URL ?? null,
    apiKey,
    clientSecret,
    signingKey: signingKey!,
    publishedKeys: [signingKey!, ...keys.filter((key) => key !== signingKey)],
  };
}

function readLocalSecret(settings: Pick<AppSettings, "LOCAL_SECRETS_DIR">, file: string, settingName: string): string {
  const path = resolve(settings.LOCAL_SECRETS_DIR, file);
  if (!existsSync(path)) {
    throw new ConfigurationError([`${settingName}: not set, and no generated value at ${path} (run "npm run prepare-local" for a local demo)`]);
  }
  return readFileSync(path, "utf8").trim();
}

export function buildAppConfig(env: Record<string, string | undefined>): AppConfig {
  const settings = parseAppSettings(env);
  const sessionSecret = settings.SESSION_SECRET ?? readLocalSecret(settings, "session-secret", "SESSION_SECRET");
  if (sessionSecret.length < 32) {
    throw new ConfigurationError(["SESSION_SECRET: must be at least 32 characters"]);
  }
  const jwkText = settings.CIS2_CLIENT_PRIVATE_JWK ?? readLocalSecret(settings, join("keys", "cis2-client.private.jwk.json"), "CIS2_CLIENT_PRIVATE_JWK");
  let jwkJson: unknown;
  try {
    jwkJson = JSON.parse(jwkText);
  } catch {
    throw new ConfigurationError(["CIS2_CLIENT_PRIVATE_JWK: is not JSON (expected a private RSA JWK with a kid)"]);
  }
  const jwk = privateRsaJwkSchema.safeParse(jwkJson);
  if (!jwk.success) {
    throw new ConfigurationError(["CIS2_CLIENT_PRIVATE_JWK: is not a private RSA JWK with a kid"]);
  }
  return {
    ...settings,
    sessionSecret,
    auditChainKeys: settings.AUDIT_CHAIN_KEYS ?? [derivedAuditChainKey(sessionSecret)],
    cis2ClientPrivateJwk: jwk.data,
    apim: apimCredentials(settings, jwk.data),
    clientSecrets: clientSecretCredentials(settings),
    gpConnect: gpConnectSettings(settings, env),
    mesh: meshSettings(settings),
    dataDir: resolve(settings.APP_DATA_DIR),
  };
}

/**
 * The audit chain's keys from these settings alone, as the app would use them, for `npm run audit:verify` (which
 * may run where the rest of the app's settings are not). Throws a ConfigurationError naming what is missing.
 */
export function auditChainKeysFromEnvironment(env: Record<string, string | undefined>): AppConfig["auditChainKeys"] {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = appSettingsSchema.pick({ AUDIT_CHAIN_KEYS: true, SESSION_SECRET: true, LOCAL_SECRETS_DIR: true }).safeParse(present);
  if (!result.success) throw new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  if (result.data.AUDIT_CHAIN_KEYS) return result.data.AUDIT_CHAIN_KEYS;
  const sessionSecret = result.data.SESSION_SECRET ?? readLocalSecret(result.data, "session-secret", "AUDIT_CHAIN_KEYS (or SESSION_SECRET)");
  return [derivedAuditChainKey(sessionSecret)];
}

/** What start-up prints: where each API goes and how it is authorised. Names keys by kid only, never secrets. */
export function describeRouting(config: AppConfig): string[] {
  const width = Math.max(...Object.keys(config.apis).map((api) => api.length));
  const usesPlatform = Object.values(config.apis).some((endpoint) => endpoint.auth !== "none" && endpoint.auth !== "client-secret");
  return [
    `NHS_ENV=${config.NHS_ENV}; CIS2 ${config.CIS2_ISSUER}`,
    ...Object.entries(config.apis).map(([api, endpoint]) => `  ${api.padEnd(width)}  ${endpoint.baseUrl}  (${endpoint.auth})`),
    usesPlatform
      ? `  API platform token endpoint ${config.apim.tokenUrl ?? "(none)"}; signing key ${config.apim.signingKey.kid}; published keys ${config.apim.publishedKeys.map((key) => key.kid).join(", ")}`
      : "  no API platform credentials in use",
    ...Object.entries(config.clientSecrets).map(([api, credentials]) => `  ${api} token endpoint ${credentials.tokenUrl}; client ${credentials.clientId}`),
    config.gpConnect.kind === "on"
      ? `  GP Connect on: ASID ${config.gpConnect.asid}, ${config.gpConnect.tls ? "mutual TLS over HSCN" : "the stand-in's SSP"}`
      : `  GP Connect off (needs HSCN): set ${config.gpConnect.missing.join(", ")}`,
    `  NHS App messaging ${config.NHS_APP_MESSAGING === "on" ? "on (NHS_APP_MESSAGING=on: the organisation is an NHS App partner)" : "off (NHS_APP_MESSAGING)"}`,
  ];
}
