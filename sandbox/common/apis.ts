/** Every NHS API the stand-in answers for, by its base path on the NHS API platform. */
export const STAND_IN_APIS = {
  cis2: { basePath: "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare", ratePerSecond: null },
  identity: { basePath: "/oauth2", ratePerSecond: null },
  pds: { basePath: "/personal-demographics/FHIR/R4", ratePerSecond: 5 },
  scr: { basePath: "/summary-care-record/FHIR/R4", ratePerSecond: 5 },
  eps: { basePath: "/clinical-prescription-tracker", ratePerSecond: Math.floor(20_000 / 60) },
  ers: { basePath: "/referrals/FHIR", ratePerSecond: 10 },
  bars: { basePath: "/booking-and-referral/FHIR/R4", ratePerSecond: 5 },
  immunisation: { basePath: "/immunisation-fhir-api/FHIR/R4", ratePerSecond: 5 },
  nrl: { basePath: "/record-locator/consumer/FHIR/R4", ratePerSecond: 5 },
  dos: { basePath: "/service-search-api", ratePerSecond: Math.floor(6_000 / 60) },
  ods: { basePath: "/organisation-data-terminology-api/fhir", ratePerSecond: 5 },
  sds: { basePath: "/spine-directory/FHIR/R4", ratePerSecond: 5 },
} as const satisfies Record<string, { basePath: string; ratePerSecond: number | null }>;

export type StandInApi = keyof typeof STAND_IN_APIS;

export const STAND_IN_API_NAMES = Object.keys(STAND_IN_APIS) as [StandInApi, ...StandInApi[]];

/** Which API a request path belongs to, if any. */
export function apiForPath(path: string): StandInApi | undefined {
  return STAND_IN_API_NAMES.find((api) => {
    const base = STAND_IN_APIS[api].basePath;
    return path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`);
  });
}
