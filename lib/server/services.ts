import "server-only";
import { AuditChainKeyring } from "@/lib/audit/audit-row";
import { PostgresAuditTrail } from "@/lib/audit/postgres-audit-trail";
import { SqliteAuditTrail } from "@/lib/audit/sqlite-audit-trail";
import type { AuditTrail } from "@/lib/audit/audit-trail";
import { getConfig } from "@/lib/config";
import { NhsApiClient, type NhsApiName } from "@/lib/nhs/transport/client";
import { ApimAuthoriser, InMemoryTokenCache, type TokenCache } from "@/lib/nhs/transport/apim-auth";
import { BarsClient } from "@/lib/nhs/bars/client";
import { CircuitBreakers } from "@/lib/nhs/transport/circuit-breaker";
import { outsideRequest } from "@/lib/nhs/transport/outside-request";
import { observeCircuits } from "@/lib/telemetry/upstream-telemetry";
import { EpsTrackerClient } from "@/lib/nhs/eps/client";
import { ErsClient } from "@/lib/nhs/ers/client";
import { ImmunisationClient } from "@/lib/nhs/immunisation/client";
import { NrlClient } from "@/lib/nhs/nrl/client";
import { OdsClient } from "@/lib/nhs/ods/client";
import { PdsClient } from "@/lib/nhs/pds/client";
import { ScrClient } from "@/lib/nhs/scr/client";
import { SdsClient } from "@/lib/nhs/sds/client";
import { GpConnectClient } from "@/lib/nhs/gpconnect/client";
import { mutualTlsFetch } from "@/lib/nhs/gpconnect/mutual-tls";
import { ServiceSearchClient } from "@/lib/nhs/service-search/client";
import { TerminologyClient } from "@/lib/nhs/terminology/client";
import { MeshClient } from "@/lib/nhs/mesh/client";
import { meshFetch } from "@/lib/nhs/mesh/tls-fetch";
import { type GpSummaryStore, SqliteGpSummaryStore } from "@/lib/state/gp-summary-store";
import { PostgresGpSummaryStore } from "@/lib/state/postgres-gp-summary-store";
import { WebsiteContentClient } from "@/lib/nhs/website-content/client";
import { NhsAppClient } from "@/lib/nhs/nhs-app/client";
import { nhsWebsite } from "@/lib/content/nhs-website";
import { openPostgres, postgresTimeouts } from "@/lib/state/postgres";
import { PostgresSessionStore } from "@/lib/state/postgres-session-store";
import { PostgresTokenCache } from "@/lib/state/postgres-token-cache";
import { SqliteSessionStore } from "@/lib/state/sqlite-session-store";
import type { SessionStore } from "@/lib/state/session-store";
import { openSqlite } from "@/lib/state/sqlite";
import { derivedSessionKey, EncryptedSessionStore } from "@/lib/state/encrypted-session-store";
import { Sealer } from "@/lib/state/sealing";
import { guardStore } from "@/lib/state/store-unavailable";

export interface Services {
  sessions: SessionStore;
  /** Application access tokens, shared by all requests; with DATABASE_URL, by every instance too. */
  tokens: TokenCache;
  audit: AuditTrail;
  pds: PdsClient;
  ods: OdsClient;
  scr: ScrClient;
  eps: EpsTrackerClient;
  immunisation: ImmunisationClient;
  nrl: NrlClient;
  ers: ErsClient;
  serviceSearch: ServiceSearchClient;
  bars: BarsClient;
  /** SNOMED CT pick-lists and terms; its answers are cached in this process by release. */
  terminology: TerminologyClient;
  sds: SdsClient;
  /** null when GP Connect is off (NHS_ENV=int without the SSP, ASID and HSCN TLS settings). */
  gpConnect: GpConnectClient | null;
  /** MESH for summaries to the GP; null when no mailbox is set (the feature is then not offered). */
  mesh: MeshClient | null;
  /** Summaries sent to the GP and the MESH inbox's bookkeeping; with DATABASE_URL, shared by every instance. */
  gpSummaries: GpSummaryStore;
  /** NHS.UK pages: reference content, cached in this process by page, never with patient data. */
  websiteContent: WebsiteContentClient;
  /** Messages to patients' NHS Apps, and the daily receipts report (used only with NHS_APP_MESSAGING=on). */
  nhsApp: NhsAppClient;
}

const PURGE_EVERY_MILLISECONDS = 10 * 60 * 1000;

/** `sleep` is the wait between read retries; tests pass one that records the waits and returns at once. */
export function createServices(options: { sleep?: (milliseconds: number) => Promise<void> } = {}): Services {
  const config = getConfig();
  // DATABASE_URL: PostgreSQL, shared by every instance (migrated at start-up); unset, SQLite files for one server
  const postgres = config.DATABASE_URL ? openPostgres(config.DATABASE_URL, postgresTimeouts(config)) : null;
  // one set of keys seals everything kept at rest that could be used to read a record: sessions and platform tokens
  const sealer = new Sealer(config.SESSION_ENCRYPTION_KEYS ?? [derivedSessionKey(config.sessionSecret)]);
  // a database that cannot be reached stops the page with a message of its own (lib/state/store-unavailable.ts)
  const sessions = guardStore(
    "sessions",
    new EncryptedSessionStore(postgres ? new PostgresSessionStore(postgres) : new SqliteSessionStore(openSqlite(config.dataDir, "sessions.db")), sealer),
  );
  const auditKeys = new AuditChainKeyring(config.auditChainKeys);
  const audit = guardStore(
    "audit",
    postgres ? new PostgresAuditTrail(postgres, auditKeys) : new SqliteAuditTrail(openSqlite(config.dataDir, "audit.db"), auditKeys),
  );
  const tokens = postgres ? guardStore("platform tokens", new PostgresTokenCache(postgres, sealer)) : new InMemoryTokenCache();
  const needsPlatformCredentials = Object.values(config.apis).some((endpoint) => endpoint.auth !== "none");
  const authoriser = needsPlatformCredentials
    ? new ApimAuthoriser({
        credentials: config.apim,
        clientSecrets: config.clientSecrets,
        apis: config.apis,
        sessions,
        cache: tokens,
        timeoutMs: config.NHS_API_TIMEOUT_MS,
      })
    : undefined;
  const circuits = new CircuitBreakers<NhsApiName>({
    failuresToOpen: config.NHS_API_CIRCUIT_FAILURES,
    openMilliseconds: config.NHS_API_CIRCUIT_OPEN_SECONDS * 1000,
  });
  observeCircuits(Object.keys(config.apis), (api) => circuits.stateOf(api as NhsApiName));
  const nhs = new NhsApiClient({
    timeoutMs: config.NHS_API_TIMEOUT_MS,
    maxReadRetries: config.NHS_API_MAX_READ_RETRIES,
    maxRetryAfterSeconds: config.NHS_API_MAX_RETRY_AFTER_SECONDS,
    sleep: options.sleep,
    authoriser,
    circuits,
  });
  // the SSP is reached over HSCN with this service's client certificate; the stand-in, without
  const ssp =
    config.gpConnect.kind === "on" && config.gpConnect.tls
      ? new NhsApiClient({
          timeoutMs: config.NHS_API_TIMEOUT_MS,
          maxReadRetries: config.NHS_API_MAX_READ_RETRIES,
          maxRetryAfterSeconds: config.NHS_API_MAX_RETRY_AFTER_SECONDS,
          sleep: options.sleep,
          circuits,
          fetchImpl: mutualTlsFetch(config.gpConnect.tls),
        })
      : nhs;
  const gpSummaries = guardStore(
    "GP summaries",
    postgres ? new PostgresGpSummaryStore(postgres, sealer) : new SqliteGpSummaryStore(openSqlite(config.dataDir, "gp-summaries.db"), sealer),
  );
  const mesh = config.mesh
    ? new MeshClient({
        baseUrl: config.mesh.baseUrl,
        credentials: config.mesh.credentials,
        timeoutMs: config.NHS_API_TIMEOUT_MS,
        chunkBytes: config.mesh.chunkBytes,
        fetchImpl: meshFetch(config.mesh.tls),
      })
    : null;
  const maxBytes = config.MAX_DOCUMENT_MEGABYTES * 1024 * 1024;
  // sessions that ended without a sign-out (a closed laptop) are dropped with what they hold, not kept for ever.
  // Made in the server's start context: the services are made by the first page that asks, and a timer keeps the
  // async context it was made in, so for the life of the process this one kept that page (H14)
  outsideRequest(() => setInterval(() => void sessions.purgeExpired().catch(() => undefined), PURGE_EVERY_MILLISECONDS).unref());
  return {
    sessions,
    tokens,
    audit,
    pds: new PdsClient(nhs, config.PDS_BASE_URL),
    ods: new OdsClient(nhs, config.ODS_BASE_URL),
    scr: new ScrClient(nhs, config.SCR_BASE_URL),
    eps: new EpsTrackerClient(nhs, config.EPS_TRACKER_BASE_URL),
    immunisation: new ImmunisationClient(nhs, config.IMMUNISATION_BASE_URL),
    nrl: new NrlClient(nhs, config.NRL_BASE_URL, { origins: config.NRL_DOCUMENT_ORIGINS, timeoutMs: config.NHS_API_TIMEOUT_MS, maxBytes }),
    ers: new ErsClient(nhs, config.ERS_BASE_URL, { origins: config.ERS_ATTACHMENT_ORIGINS, timeoutMs: config.NHS_API_TIMEOUT_MS, maxBytes }, authoriser),
    serviceSearch: new ServiceSearchClient(nhs, config.SERVICE_SEARCH_BASE_URL),
    bars: new BarsClient(nhs, config.BARS_BASE_URL),
    terminology: new TerminologyClient(nhs, config.TERMINOLOGY_BASE_URL),
    sds: new SdsClient(nhs, config.SDS_BASE_URL),
    gpConnect:
      config.gpConnect.kind === "on"
        ? new GpConnectClient(ssp, config.SSP_BASE_URL, config.gpConnect.asid, { issuer: config.APP_BASE_URL, model: "Care Record Viewer", version: "1" })
        : null,
    mesh,
    gpSummaries,
    websiteContent: new WebsiteContentClient(nhs, config.WEBSITE_CONTENT_BASE_URL, { leaves: nhsWebsite.leavesService }),
    nhsApp: new NhsAppClient(nhs, config.NHS_APP_BASE_URL),
  };
}

const holder = globalThis as typeof globalThis & { __careRecordViewerServices?: Services };

/** One set per process: Next can load this module more than once (route handlers and pages), so it lives on globalThis. */
export function services(): Services {
  holder.__careRecordViewerServices ??= createServices();
  return holder.__careRecordViewerServices;
}
