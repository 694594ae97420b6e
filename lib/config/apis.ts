/**
 * Where each NHS API is reached in each environment, and how it is authorised there. The APIs themselves
 * are listed once, in the catalogue (lib/nhs/catalogue.ts); this module only adds the environments.
 */
import { NHS_API_IDS, NHS_APIS, type CatalogueEntry, type NhsApiId, type PlatformAuth } from "../nhs/catalogue";

export type AuthPattern = "none" | PlatformAuth;
export const AUTH_PATTERNS = ["none", "cis2-token-exchange", "signed-jwt", "api-key", "client-secret"] as const satisfies readonly AuthPattern[];

export type ConfiguredApi = NhsApiId;
export const CONFIGURED_APIS = NHS_API_IDS;

/** The settings prefix of each API, as a literal type, so each `<prefix>_BASE_URL` is a typed setting. */
export type ApiSettingPrefix = (typeof NHS_APIS)[NhsApiId]["setting"];

export type NhsEnvironment = "local" | "sandbox" | "int";
export const NHS_ENVIRONMENTS = ["local", "sandbox", "int"] as const satisfies readonly NhsEnvironment[];

export const STAND_IN_ORIGIN = "http://localhost:9000";

/** Each profile's API host; the local stand-in answers on the platform's own base paths. */
export const PROFILE_ORIGINS: Record<NhsEnvironment, string> = {
  local: STAND_IN_ORIGIN,
  sandbox: "https://sandbox.api.service.nhs.uk",
  int: "https://int.api.service.nhs.uk",
};

/**
 * Where an API is reached in a profile: the profile's host, except for an API off the platform (the Terminology
 * Server), which is on its own host in integration and on the stand-in otherwise (the NHS sandbox has no copy).
 */
export function originFor(environment: NhsEnvironment, api: ConfiguredApi): string {
  const entry: CatalogueEntry = NHS_APIS[api];
  if (entry.noNhsSandbox && environment === "sandbox") return STAND_IN_ORIGIN;
  const own = entry.ownOrigin;
  if (!own) return PROFILE_ORIGINS[environment];
  return environment === "int" ? own : STAND_IN_ORIGIN;
}

/** Only the integration environment demands credentials; the NHS sandbox and the stand-in (by default) are open. */
export function defaultAuthFor(environment: NhsEnvironment, api: ConfiguredApi): AuthPattern {
  return environment === "int" ? NHS_APIS[api].platformAuth : "none";
}

/** Every API's base URL setting pointed at one host (the stand-in a test or the bench starts). */
export function baseUrlSettingsFor(origin: string): Record<string, string> {
  return Object.fromEntries(NHS_API_IDS.map((api) => [`${NHS_APIS[api].setting}_BASE_URL`, `${origin}${NHS_APIS[api].basePath}`]));
}
