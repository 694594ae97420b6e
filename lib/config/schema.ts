import { z } from "zod";

const STAND_IN = "http://localhost:9000";
export const CIS2_REALM_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .transform((value) => value.replace(/\/+$/, ""));

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * Every setting the app reads. Documented one by one in .env.example; a wrong value stops start-up
 * with a message that names the setting.
 */
export const appSettingsSchema = z.object({
  APP_BASE_URL: httpUrl.default("http://localhost:3000"),
  LOCAL_SECRETS_DIR: z.string().min(1).default(".local"),
  APP_DATA_DIR: z.string().min(1).default(".data"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_MAX_AGE_MINUTES: positiveInt(12 * 60, 24 * 60),
  SESSION_IDLE_MINUTES: positiveInt(15, 240),

  CIS2_ISSUER: httpUrl.default(`${STAND_IN}${CIS2_REALM_PATH}`),
  CIS2_CLIENT_ID: z.string().min(1).default("care-record-viewer-local"),
  CIS2_CLIENT_PRIVATE_JWK: z.string().min(1).optional(),
  CIS2_SCOPES: z.string().min(1).default("openid profile email nationalrbacaccess associatedorgs"),
  CIS2_ACR_VALUES: z.string().min(1).default("AAL3_ANY AAL2_ANY"),

  PDS_BASE_URL: httpUrl.default(`${STAND_IN}/personal-demographics/FHIR/R4`),
  SCR_BASE_URL: httpUrl.default(`${STAND_IN}/summary-care-record/FHIR/R4`),
  EPS_TRACKER_BASE_URL: httpUrl.default(`${STAND_IN}/clinical-prescription-tracker`),
  IMMUNISATION_BASE_URL: httpUrl.default(`${STAND_IN}/immunisation-fhir-api/FHIR/R4`),
  NRL_BASE_URL: httpUrl.default(`${STAND_IN}/record-locator/consumer/FHIR/R4`),
  ERS_BASE_URL: httpUrl.default(`${STAND_IN}/referrals/FHIR`),
  /** Where e-RS attachment downloads may be redirected to (its object store's pre-signed URLs); anything else is refused. */
  ERS_ATTACHMENT_ORIGINS: z
    .string()
    .default("http://localhost:9000")
    .transform((value) => value.split(",").map((origin) => origin.trim().replace(/\/+$/, "")).filter(Boolean)),
  /** Hosts the app may fetch NRL documents from (the pointers' content URLs); anything else is refused. */
  NRL_DOCUMENT_ORIGINS: z
    .string()
    .default("http://localhost:9000")
    .transform((value) => value.split(",").map((origin) => origin.trim().replace(/\/+$/, "")).filter(Boolean)),
  ODS_BASE_URL: httpUrl.default(`${STAND_IN}/organisation-data-terminology-api/fhir`),
  SERVICE_SEARCH_BASE_URL: httpUrl.default(`${STAND_IN}/service-search-api`),
  BARS_BASE_URL: httpUrl.default(`${STAND_IN}/booking-and-referral/FHIR/R4`),
  /**
   * The NHS sandbox's BaRS error targets (NHS0001-400 and the rest) to offer beside real services, for
   * testing how each receiver error is shown. Empty, the default, offers none; never set it for live use.
   */
  BARS_TEST_TARGETS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((target) => target.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^NHS\d{4}-\d{3}$/, "each test target looks like NHS0001-503"))),

  NHS_API_TIMEOUT_MS: positiveInt(10_000, 120_000),
  NHS_API_MAX_READ_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  NHS_API_MAX_RETRY_AFTER_SECONDS: positiveInt(10, 120),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app's configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigurationError";
  }
}

export function parseAppSettings(env: Record<string, string | undefined>): AppSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = appSettingsSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigurationError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "(settings)"}: ${issue.message}`),
  );
}
