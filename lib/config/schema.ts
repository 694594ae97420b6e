import { z } from "zod";
import { NHS_APIS } from "../nhs/catalogue";
import { VACCINE_TYPES } from "../nhs/immunisation/vaccine-types";
import {
  AUTH_PATTERNS,
  CONFIGURED_APIS,
  defaultAuthFor,
  NHS_ENVIRONMENTS,
  originFor,
  PROFILE_ORIGINS,
  STAND_IN_ORIGIN,
  type ApiSettingPrefix,
  type AuthPattern,
  type ConfiguredApi,
} from "./apis";

const STAND_IN = STAND_IN_ORIGIN;
export const CIS2_REALM_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
const CIS2_INT_ISSUER = `https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443${CIS2_REALM_PATH}`;

const authPattern = z.enum(AUTH_PATTERNS).optional();

const httpUrl = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ""));

/**
 * Per API in the catalogue: `<prefix>_BASE_URL` (unset: the environment's host and the API's base path) and
 * `<prefix>_AUTH` (none, cis2-token-exchange, signed-jwt or api-key; unset: by NHS_ENV).
 */
const apiSettings = Object.fromEntries(
  CONFIGURED_APIS.flatMap((api) => [
    [`${NHS_APIS[api].setting}_BASE_URL`, httpUrl.optional()],
    [`${NHS_APIS[api].setting}_AUTH`, authPattern],
  ]),
) as { [P in ApiSettingPrefix as `${P}_BASE_URL`]: z.ZodOptional<typeof httpUrl> } & { [P in ApiSettingPrefix as `${P}_AUTH`]: typeof authPattern };

/** A comma-separated list of origins, each without a trailing slash; unset, the profile decides. */
const originList = () =>
  z
    .string()
    .optional()
    .transform((value) =>
      value
        ?.split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    );

/** Settings naming hosts the app fetches patient documents from: the stand-in locally, and only ever given outside it. */
const DOCUMENT_ORIGIN_SETTINGS = ["ERS_ATTACHMENT_ORIGINS", "NRL_DOCUMENT_ORIGINS"] as const;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Outside the local profile, document origins are the custodians' and e-RS's real servers: they must be set
 * (a default pointing at the stand-in would quietly refuse every document), and https. Only a loopback host,
 * a stand-in on this machine as the integration-mode tests use, may be plain http.
 */
function documentOriginProblems(raw: RawSettings): string[] {
  if (raw.NHS_ENV === "local") return [];
  return DOCUMENT_ORIGIN_SETTINGS.flatMap((setting) => {
    const origins = raw[setting];
    if (!origins?.length) return [`${setting}: must be set with NHS_ENV=${raw.NHS_ENV} (the https origins documents are fetched from)`];
    return origins
      .filter((origin) => {
        const url = new URL(origin);
        return url.protocol !== "https:" && !LOOPBACK_HOSTS.has(url.hostname);
      })
      .map((origin) => `${setting}: ${origin} must be https with NHS_ENV=${raw.NHS_ENV}`);
  });
}

/**
 * With NHS_ENV=int the audit chain's key is set, not derived: the trail is kept for years and must keep verifying
 * when SESSION_SECRET is rotated, and the key belongs in the secrets store with its own rotation.
 */
function auditKeyProblems(raw: RawSettings): string[] {
  if (raw.NHS_ENV !== "int" || raw.AUDIT_CHAIN_KEYS) return [];
  return ["AUDIT_CHAIN_KEYS: must be set with NHS_ENV=int (the audit chain's HMAC keys, kid:base64 of 32 random bytes)"];
}

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Comma-separated `kid:base64 of 32 bytes` keys, the first in use, the rest kept to open or verify what they made. */
function keyList(exampleKid: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const keys = value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const [kid, encoded] = entry.split(":", 2);
          const key = Buffer.from(encoded ?? "", "base64");
          return { kid: kid ?? "", key };
        });
      if (!keys.length || keys.some(({ kid, key }) => !/^[A-Za-z0-9_-]{1,32}$/.test(kid) || key.length !== 32)) {
        ctx.addIssue({ code: "custom", message: `each key is kid:base64 of 32 random bytes (for example \`${exampleKid}:$(openssl rand -base64 32)\`)` });
        return z.NEVER;
      }
      if (new Set(keys.map(({ kid }) => kid)).size !== keys.length) {
        ctx.addIssue({ code: "custom", message: "each key needs its own kid" });
        return z.NEVER;
      }
      return keys as [{ kid: string; key: Buffer }, ...Array<{ kid: string; key: Buffer }>];
    });
}

const odsCode = z.string().regex(/^[A-Z0-9]{3,10}$/, "each organisation is an ODS code such as Y12345");
const personRoleId = z.string().regex(/^[0-9]{12}$/, "each role profile is a CIS2 person_roleid of 12 digits");

/** A comma-separated list, each item trimmed, empty ones dropped. */
const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

/**
 * Every setting the app reads. Documented one by one in .env.example; a wrong value stops start-up
 * with a message that names the setting.
 */
export const appSettingsSchema = z.object({
  APP_BASE_URL: httpUrl.default("http://localhost:3000"),
  LOCAL_SECRETS_DIR: z.string().min(1).default(".local"),
  APP_DATA_DIR: z.string().min(1).default(".data"),
  /**
   * PostgreSQL for the shared state (sessions, audit trail, rate limits), for several instances behind a load
   * balancer. Unset: SQLite files in APP_DATA_DIR, for one server.
   */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL, such as postgres://app@db.example.nhs.uk:5432/care_record_viewer" })
    .optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_MAX_AGE_MINUTES: positiveInt(12 * 60, 24 * 60),
  SESSION_IDLE_MINUTES: positiveInt(15, 240),
  /**
   * Keys that seal server sessions at rest (AES-256-GCM), comma-separated `kid:base64 of 32 bytes`; the first seals,
   * all open. Unset: one key derived from the session secret.
   */
  SESSION_ENCRYPTION_KEYS: keyList("2026-11"),
  /**
   * Keys for the audit chain's HMAC-SHA256, comma-separated `kid:base64 of 32 bytes`; the first signs new rows, all
   * verify. Unset: one key derived from the session secret, except with NHS_ENV=int, where it must be set.
   */
  AUDIT_CHAIN_KEYS: keyList("audit-2026-11"),
  /** How often the audit chain's head (row count, last hash, key id) is written to the log as an anchor. */
  AUDIT_ANCHOR_MINUTES: positiveInt(5, 24 * 60),
  /** How long to wait for a PostgreSQL connection before the request fails. */
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5_000, 60_000),
  /** The longest one PostgreSQL statement may run (server side), and a reply may take (client side). */
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(10_000, 120_000),

  /** Which NHS environment the APIs default to: the local stand-in, the open NHS sandbox, or integration. */
  NHS_ENV: z.enum(NHS_ENVIRONMENTS).default("local"),
  /** Defaults to the local mock CIS2, except in int, where it is CIS2's integration environment. */
  CIS2_ISSUER: httpUrl.optional(),
  CIS2_CLIENT_ID: z.string().min(1).default("care-record-viewer-local"),
  CIS2_CLIENT_PRIVATE_JWK: z.string().min(1).optional(),
  CIS2_SCOPES: z.string().min(1).default("openid profile email nationalrbacaccess associatedorgs"),
  CIS2_ACR_VALUES: z.string().min(1).default("AAL3_ANY AAL2_ANY"),

  /** Where e-RS attachment downloads may be redirected to (its object store's pre-signed URLs); anything else is refused. */
  ERS_ATTACHMENT_ORIGINS: originList().pipe(z.array(z.url({ protocol: /^https?$/ })).optional()),
  /** Hosts the app may fetch NRL documents from (the pointers' content URLs); anything else is refused. */
  /** The largest shared document or referral attachment the app fetches; a larger one is refused with a message. */
  MAX_DOCUMENT_MEGABYTES: positiveInt(20, 200),
  NRL_DOCUMENT_ORIGINS: originList().pipe(z.array(z.url({ protocol: /^https?$/ })).optional()),
  /**
   * The NHS sandbox's BaRS error targets (NHS0001-400 and the rest) to offer beside real services, for
   * testing how each receiver error is shown. Empty, the default, offers none; never set it for live use.
   */
  BARS_TEST_TARGETS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((target) => target.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^NHS\d{4}-\d{3}$/, "each test target looks like NHS0001-503"))),

  /**
   * The vaccine types this service records in the national immunisation record (comma-separated, the API's types):
   * those NHS England granted the application the create interaction for. Unset: all of them.
   */
  IMMUNISATION_RECORD_TYPES: commaList.pipe(z.array(z.enum(VACCINE_TYPES))).transform((types) => (types.length ? types : null)),

  /**
   * Messages to patients' NHS Apps (the NHS App API): only for an organisation onboarded as an NHS App partner, so
   * off unless turned on; start-up says which.
   */
  NHS_APP_MESSAGING: z.enum(["on", "off"]).default("off"),

  /** Sign-in only from these organisations (ODS codes, comma-separated); unset, from any with a usable role. */
  ALLOWED_ORG_CODES: commaList.pipe(z.array(odsCode)).transform((codes) => (codes.length ? codes : null)),
  /** Role profiles (CIS2 person_roleid, comma-separated) that may review the access audit besides Privacy Officers and Caldicott Guardians. */
  AUDIT_REVIEWER_ROLE_IDS: commaList.pipe(z.array(personRoleId)),
  /**
   * Organisations a reviewer's role profile covers besides its own, as JSON: {"<person_roleid>": ["<ODS code>", ...]}.
   * Unset, each reviewer sees only their own organisation's rows.
   */
  AUDIT_REVIEW_ORGANISATIONS: z
    .string()
    .default("{}")
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be JSON such as {"555254240100": ["Y12345", "Y23456"]}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(personRoleId, z.array(odsCode))),

  /** Per user: patient searches (NHS number, details, prescription ID, UBRN) a minute, at most, before a 429. */
  RATE_LIMIT_SEARCHES_PER_MINUTE: positiveInt(30, 100_000),
  /** Per user: Summary Care Record pages a minute, at most, before a 429. */
  RATE_LIMIT_SCR_PER_MINUTE: positiveInt(20, 100_000),

  /**
   * OpenTelemetry: the OTLP/HTTP collector traces and metrics are sent to (/v1/traces, /v1/metrics are added).
   * Unset, nothing is exported. OTEL_EXPORTER_OTLP_HEADERS (the standard setting) is read by the exporter itself.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_SERVICE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "letters, digits, dots, dashes and underscores")
    .default("care-record-viewer"),
  /** How often metrics are sent, in milliseconds. */
  OTEL_METRIC_EXPORT_INTERVAL: positiveInt(60_000, 3_600_000),

  NHS_API_TIMEOUT_MS: positiveInt(10_000, 120_000),
  NHS_API_MAX_READ_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  NHS_API_MAX_RETRY_AFTER_SECONDS: positiveInt(10, 120),
  /** Consecutive failed calls to one API (after retries) that pause calls to it. */
  NHS_API_CIRCUIT_FAILURES: positiveInt(5, 1000),
  /** How long calls to a failing API are paused before one trial call. */
  NHS_API_CIRCUIT_OPEN_SECONDS: positiveInt(30, 600),

  /** The API platform's token endpoint (signed-JWT client credentials and CIS2 token exchange). */
  APIM_TOKEN_URL: httpUrl.optional(),
  /** The application's API key from the NHS developer portal: the JWT's iss and sub, and the apikey header. */
  APIM_API_KEY: z.string().min(8, "must be the application's API key").optional(),
  /** The application's secret, for refreshing CIS2-exchanged tokens. */
  APIM_CLIENT_SECRET: z.string().min(8, "must be the application's secret").optional(),
  /** The private RSA keys (a JSON array of JWKs, each with a kid) whose public parts the app publishes at /.well-known/jwks.json. */
  APIM_PRIVATE_JWKS: z.string().min(1).optional(),
  /** Which of those keys signs client assertions; the others stay published during a rotation. */
  APIM_SIGNING_KID: z.string().min(1).optional(),

  /**
   * The Terminology Server's own authorisation server (client credentials; not the API platform's): its token
   * endpoint (unset: the stand-in's, or ontology.nhs.uk's with NHS_ENV=int), and the system account's client id
   * and secret. Needed when TERMINOLOGY_AUTH is client-secret (the default with NHS_ENV=int).
   */
  TERMINOLOGY_TOKEN_URL: httpUrl.optional(),
  TERMINOLOGY_CLIENT_ID: z.string().min(1).optional(),
  TERMINOLOGY_CLIENT_SECRET: z.string().min(8, "must be the Terminology Server system account's secret").optional(),

  /**
   * MESH (mailbox messaging, off the API platform) for GP Connect Send Document: where it is (unset: the stand-in,
   * or MESH's integration environment with NHS_ENV=int), this service's mailbox, its password and the environment's
   * shared key for the NHSMESH header, and the TLS client certificate, key and CA (PEM file paths). Checked at
   * start-up by lib/config/mesh.ts.
   */
  MESH_BASE_URL: httpUrl.optional(),
  MESH_MAILBOX_ID: z
    .string()
    .regex(/^[A-Z0-9]{4,32}$/, "a MESH mailbox id, upper-case letters and digits, such as X26HC005")
    .optional(),
  MESH_MAILBOX_PASSWORD: z.string().min(1).optional(),
  MESH_SHARED_KEY: z.string().min(1).optional(),
  MESH_CLIENT_CERT: z.string().min(1).optional(),
  MESH_CLIENT_KEY: z.string().min(1).optional(),
  MESH_CA_CERT: z.string().min(1).optional(),
  /** Messages above this many megabytes go in chunks (MESH takes at most 100 in one request). */
  MESH_CHUNK_MEGABYTES: positiveInt(20, 100),
  /** How often the mailbox is polled for acknowledgements and error reports (MESH asks for no more than every 5 minutes in live). */
  MESH_POLL_SECONDS: positiveInt(300, 24 * 60 * 60),

  ...apiSettings,

  /**
   * GP Connect through the Spine Secure Proxy (SSP_BASE_URL above): this service's ASID (its accredited system id in
   * SDS, sent as Ssp-From) and the HSCN mutual-TLS files (PEM: client certificate, its key, the CA bundle). With
   * NHS_ENV=int the GP record is off until all four and SSP_BASE_URL are set; local and sandbox use the stand-in.
   */
  GPCONNECT_ASID: z
    .string()
    .regex(/^\d{12}$/, "an ASID is 12 digits")
    .optional(),
  SSP_CLIENT_CERT_FILE: z.string().min(1).optional(),
  SSP_CLIENT_KEY_FILE: z.string().min(1).optional(),
  SSP_CA_FILE: z.string().min(1).optional(),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

type RawSettings = z.infer<typeof appSettingsSchema>;

export interface ApiEndpoint {
  baseUrl: string;
  auth: AuthPattern;
}

export type AppSettings = Omit<
  RawSettings,
  `${ApiSettingPrefix}_BASE_URL` | "CIS2_ISSUER" | "TERMINOLOGY_TOKEN_URL" | (typeof DOCUMENT_ORIGIN_SETTINGS)[number]
> & {
  CIS2_ISSUER: string;
  TERMINOLOGY_TOKEN_URL: string;
} & Record<(typeof DOCUMENT_ORIGIN_SETTINGS)[number], string[]> & {
    apis: Record<ConfiguredApi, ApiEndpoint>;
  } & Record<`${ApiSettingPrefix}_BASE_URL`, string>;

/** Fills what the profile decides: each API's base URL and auth pattern, CIS2's issuer, the token endpoint. */
function resolveProfile(raw: RawSettings): AppSettings {
  const environment = raw.NHS_ENV;
  const rawRecord = raw as unknown as Record<string, string | undefined>;
  const apis = Object.fromEntries(
    CONFIGURED_APIS.map((api) => {
      const { setting, basePath } = NHS_APIS[api];
      const baseUrl = rawRecord[`${setting}_BASE_URL`] ?? `${originFor(environment, api)}${basePath}`;
      const auth = (rawRecord[`${setting}_AUTH`] as AuthPattern | undefined) ?? defaultAuthFor(environment, api);
      return [api, { baseUrl, auth }];
    }),
  ) as Record<ConfiguredApi, ApiEndpoint>;
  const baseUrls = Object.fromEntries(CONFIGURED_APIS.map((api) => [`${NHS_APIS[api].setting}_BASE_URL`, apis[api].baseUrl]));
  return {
    ...raw,
    ...baseUrls,
    ERS_ATTACHMENT_ORIGINS: raw.ERS_ATTACHMENT_ORIGINS ?? [STAND_IN],
    NRL_DOCUMENT_ORIGINS: raw.NRL_DOCUMENT_ORIGINS ?? [STAND_IN],
    CIS2_ISSUER: raw.CIS2_ISSUER ?? (environment === "int" ? CIS2_INT_ISSUER : `${STAND_IN}${CIS2_REALM_PATH}`),
    APIM_TOKEN_URL: raw.APIM_TOKEN_URL ?? (environment === "sandbox" ? undefined : `${PROFILE_ORIGINS[environment]}/oauth2/token`),
    TERMINOLOGY_TOKEN_URL: raw.TERMINOLOGY_TOKEN_URL ?? `${originFor(environment, "terminology")}${NHS_APIS.terminology.tokenPath}`,
    apis,
  } as AppSettings;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app's configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigurationError";
  }
}

export function parseAppSettings(env: Record<string, string | undefined>): AppSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = appSettingsSchema.safeParse(present);
  if (result.success) {
    const problems = [...documentOriginProblems(result.data), ...auditKeyProblems(result.data)];
    if (problems.length) throw new ConfigurationError(problems);
    return resolveProfile(result.data);
  }
  throw new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join(".") || "(settings)"}: ${issue.message}`));
}
