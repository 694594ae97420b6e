/**
 * The NHS APIs the app calls: where each lives on the API platform, the setting that names its base
 * URL, and how the integration environment authorises it (reference: nhs-apis.md sections 0 and 9).
 */
export type AuthPattern = "none" | "cis2-token-exchange" | "signed-jwt" | "api-key";
export const AUTH_PATTERNS = ["none", "cis2-token-exchange", "signed-jwt", "api-key"] as const satisfies readonly AuthPattern[];

export const NHS_APIS = {
  pds: { setting: "PDS", basePath: "/personal-demographics/FHIR/R4", platformAuth: "cis2-token-exchange" },
  scr: { setting: "SCR", basePath: "/summary-care-record/FHIR/R4", platformAuth: "cis2-token-exchange" },
  eps: { setting: "EPS_TRACKER", basePath: "/clinical-prescription-tracker", platformAuth: "cis2-token-exchange" },
  ers: { setting: "ERS", basePath: "/referrals/FHIR", platformAuth: "cis2-token-exchange" },
  bars: { setting: "BARS", basePath: "/booking-and-referral/FHIR/R4", platformAuth: "signed-jwt" },
  immunisation: { setting: "IMMUNISATION", basePath: "/immunisation-fhir-api/FHIR/R4", platformAuth: "signed-jwt" },
  nrl: { setting: "NRL", basePath: "/record-locator/consumer/FHIR/R4", platformAuth: "signed-jwt" },
  "service-search": { setting: "SERVICE_SEARCH", basePath: "/service-search-api", platformAuth: "api-key" },
  ods: { setting: "ODS", basePath: "/organisation-data-terminology-api/fhir", platformAuth: "api-key" },
} as const satisfies Record<string, { setting: string; basePath: string; platformAuth: Exclude<AuthPattern, "none"> }>;

export type ConfiguredApi = keyof typeof NHS_APIS;
export const CONFIGURED_APIS = Object.keys(NHS_APIS) as ConfiguredApi[];

export type NhsEnvironment = "local" | "sandbox" | "int";
export const NHS_ENVIRONMENTS = ["local", "sandbox", "int"] as const satisfies readonly NhsEnvironment[];

export const STAND_IN_ORIGIN = "http://localhost:9000";

/** Each profile's API host; the local stand-in answers on the platform's own base paths. */
export const PROFILE_ORIGINS: Record<NhsEnvironment, string> = {
  local: STAND_IN_ORIGIN,
  sandbox: "https://sandbox.api.service.nhs.uk",
  int: "https://int.api.service.nhs.uk",
};

/** Only the integration environment demands credentials; the NHS sandbox and the stand-in (by default) are open. */
export function defaultAuthFor(environment: NhsEnvironment, api: ConfiguredApi): AuthPattern {
  return environment === "int" ? NHS_APIS[api].platformAuth : "none";
}
