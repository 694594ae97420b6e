import { apiForPath as catalogueApiForPath, NHS_API_IDS, NHS_APIS, type NhsApiId } from "../../lib/nhs/catalogue";

/** What the stand-in answers for besides the catalogue's APIs: CIS2 and the token endpoints. */
const PLATFORM_ENDPOINTS = {
  cis2: { basePath: "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare", ratePerSecond: null },
  identity: { basePath: "/oauth2", ratePerSecond: null },
  /** The Terminology Server's own authorisation server (Keycloak), off the API platform. */
  "terminology-auth": { basePath: "/authorisation/auth/realms/nhs-digital-terminology", ratePerSecond: null },
  /** MESH (mailbox messaging): not on the API platform, with its own mailbox credentials and NHSMESH header. */
  mesh: { basePath: "/messageexchange", ratePerSecond: null },
} as const;

export type StandInApi = NhsApiId | keyof typeof PLATFORM_ENDPOINTS;

/** Every API the stand-in answers for, by its base path on the NHS API platform, with the rate it enforces. */
export const STAND_IN_APIS: Record<StandInApi, { basePath: string; ratePerSecond: number | null }> = {
  ...PLATFORM_ENDPOINTS,
  ...(Object.fromEntries(NHS_API_IDS.map((api) => [api, { basePath: NHS_APIS[api].basePath, ratePerSecond: NHS_APIS[api].requestsPerSecond }])) as Record<
    NhsApiId,
    { basePath: string; ratePerSecond: number }
  >),
};

export const STAND_IN_API_NAMES = Object.keys(STAND_IN_APIS) as [StandInApi, ...StandInApi[]];

/** Which API a request path belongs to, if any. */
export function apiForPath(path: string): StandInApi | undefined {
  return (
    catalogueApiForPath(path) ??
    (Object.keys(PLATFORM_ENDPOINTS) as Array<keyof typeof PLATFORM_ENDPOINTS>).find((api) => {
      const base = PLATFORM_ENDPOINTS[api].basePath;
      return path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`);
    })
  );
}
