/**
 * The one list of NHS APIs this service calls. Configuration (settings and their defaults), the client
 * core, the stand-in's routing and rate limits, the names people read, the fault matrices and the tests
 * all derive from it; nothing else lists APIs. Adding an API starts here (docs/adding-an-nhs-api.md).
 *
 * Reference: ../shared/reference/nhs-apis.md sections 0 and 9 (base paths, auth patterns, rate limits).
 */

/** How the integration environment authorises calls to an API on the NHS API platform. */
export type PlatformAuth = "cis2-token-exchange" | "signed-jwt" | "api-key" | "client-secret";

export interface CatalogueEntry {
  /** What people read when the API is named: in failure messages and "where this came from". */
  name: string;
  /** The prefix of its settings: `<setting>_BASE_URL`, `<setting>_AUTH`. */
  setting: string;
  /** Where it lives on the NHS API platform; the stand-in answers on the same path. */
  basePath: string;
  /** `none`: off the platform and authorised by other means (GP Connect: mutual TLS to the SSP and its own JWT). */
  platformAuth: PlatformAuth | "none";
  /** The documented rate limit for one application; the stand-in enforces it. */
  requestsPerSecond: number;
  /**
   * An API that is not on the NHS API platform: its own host in integration and live. The NHS sandbox has no
   * copy of it, so the sandbox profile keeps it on the stand-in (as it keeps the mock CIS2).
   */
  ownOrigin?: string;
  /** With platformAuth client-secret: the path of its own authorisation server's token endpoint, on ownOrigin. */
  tokenPath?: string;
  /** On the platform, but the NHS publishes no sandbox of it: the sandbox profile keeps it on the stand-in. */
  noNhsSandbox?: true;
}

export const NHS_APIS = {
  pds: {
    name: "the Personal Demographics Service (PDS)",
    setting: "PDS",
    basePath: "/personal-demographics/FHIR/R4",
    platformAuth: "cis2-token-exchange",
    requestsPerSecond: 5,
  },
  scr: {
    name: "the Summary Care Record (SCR)",
    setting: "SCR",
    basePath: "/summary-care-record/FHIR/R4",
    platformAuth: "cis2-token-exchange",
    requestsPerSecond: 5,
  },
  eps: {
    name: "the Prescription Tracker (EPS)",
    setting: "EPS_TRACKER",
    basePath: "/clinical-prescription-tracker",
    platformAuth: "cis2-token-exchange",
    requestsPerSecond: Math.floor(20_000 / 60),
  },
  ers: {
    name: "the e-Referral Service (e-RS)",
    setting: "ERS",
    basePath: "/referrals/FHIR",
    platformAuth: "cis2-token-exchange",
    requestsPerSecond: 10,
  },
  bars: {
    name: "the Booking and Referral Standard (BaRS) service",
    setting: "BARS",
    basePath: "/booking-and-referral/FHIR/R4",
    platformAuth: "signed-jwt",
    requestsPerSecond: 5,
  },
  immunisation: {
    name: "the Immunisation service",
    setting: "IMMUNISATION",
    basePath: "/immunisation-fhir-api/FHIR/R4",
    platformAuth: "signed-jwt",
    requestsPerSecond: 5,
  },
  nrl: {
    name: "the National Record Locator (NRL)",
    setting: "NRL",
    basePath: "/record-locator/consumer/FHIR/R4",
    platformAuth: "signed-jwt",
    requestsPerSecond: 5,
  },
  "service-search": {
    name: "Service Search (the Directory of Healthcare Services)",
    setting: "SERVICE_SEARCH",
    basePath: "/service-search-api",
    platformAuth: "api-key",
    requestsPerSecond: Math.floor(6_000 / 60),
  },
  ods: {
    name: "the Organisation Data Service (ODS)",
    setting: "ODS",
    basePath: "/organisation-data-terminology-api/fhir",
    platformAuth: "api-key",
    requestsPerSecond: 5,
  },
  sds: {
    name: "the Spine Directory Service (SDS)",
    setting: "SDS",
    basePath: "/spine-directory/FHIR/R4",
    platformAuth: "api-key",
    requestsPerSecond: 5,
  },
  /**
   * GP Connect Access Record: Structured, through the Spine Secure Proxy (reference/next-apis.md 1.2): over HSCN
   * with mutual TLS, not on the API platform, so no platform auth; each request carries GP Connect's own JWT and
   * the Ssp-* headers. The real SSP takes the provider's address after its own origin; the stand-in answers under
   * this base path. No published rate limit; 5 a second is this service's own ceiling [unverified].
   */
  gpconnect: {
    name: "GP Connect (the GP practice's record)",
    setting: "SSP",
    basePath: "/spine-secure-proxy",
    platformAuth: "none",
    requestsPerSecond: 5,
    ownOrigin: "https://proxy.intspineservices.nhs.uk",
  },
  /**
   * SNOMED CT for pick-lists and display names (ValueSet/$expand, CodeSystem/$lookup): not on the API platform,
   * with its own Keycloak client credentials (reference/next-apis.md 1.12). It documents no rate limit; 10 a
   * second is this service's own ceiling [unverified].
   */
  terminology: {
    name: "the NHS England Terminology Server",
    setting: "TERMINOLOGY",
    basePath: "/production1/fhir",
    platformAuth: "client-secret",
    requestsPerSecond: 10,
    ownOrigin: "https://ontology.nhs.uk",
    tokenPath: "/authorisation/auth/realms/nhs-digital-terminology/protocol/openid-connect/token",
  },
  /**
   * NHS.UK pages as structured content (reference/next-apis.md 1.8): open to any application with an API key.
   * Its documented limits are 60 a minute (sandbox), 120 (integration) and 1,200 (live): 2 a second here.
   */
  "website-content": {
    name: "the NHS website content service (NHS.UK)",
    setting: "WEBSITE_CONTENT",
    basePath: "/nhs-website-content",
    platformAuth: "api-key",
    requestsPerSecond: 2,
  },
  /**
   * In-app messages and notifications to a patient's NHS App (reference/next-apis.md 1.7): only for organisations
   * onboarded as NHS App partners (NHS_APP_MESSAGING turns it on). 20 a second in development and integration.
   */
  "nhs-app": {
    name: "the NHS App messaging service",
    setting: "NHS_APP",
    basePath: "/nhs-app",
    platformAuth: "signed-jwt",
    requestsPerSecond: 20,
    noNhsSandbox: true,
  },
} as const satisfies Record<string, CatalogueEntry>;

export type NhsApiId = keyof typeof NHS_APIS;

export const NHS_API_IDS = Object.keys(NHS_APIS) as [NhsApiId, ...NhsApiId[]];

/** The path of a resource on an API, as the platform (and the stand-in) serves it. */
export function apiPath(api: NhsApiId, path = ""): string {
  return `${NHS_APIS[api].basePath}${path}`;
}

/** Which API a request path on the platform belongs to, if any. */
export function apiForPath(path: string): NhsApiId | undefined {
  return NHS_API_IDS.find((api) => {
    const base = NHS_APIS[api].basePath;
    return path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`);
  });
}
