import { join } from "node:path";
import { baseUrlSettingsFor } from "../../lib/config/apis";
import { LOCAL_MESH } from "../../lib/nhs/mesh/local";

/**
 * The journeys run in parallel workers, each against an app and a stand-in of its own (started by the
 * Playwright config), since a journey sets faults in its stand-in and reads its app's audit trail. Worker
 * i uses ports E2E_APP_PORT + i and E2E_SANDBOX_PORT + i and its own data directory under the run's.
 */
export const JOURNEY_WORKERS = Number(process.env.E2E_WORKERS ?? (process.env.E2E_JOURNEYS === "platform" || process.env.E2E_CLUSTER === "1" ? 1 : 2));
/**
 * The cluster run (E2E_CLUSTER=1): nginx at E2E_APP_PORT over TLS in front of two app instances on PostgreSQL
 * (e2e/support/cluster-setup.ts), one worker. The app's origin is nginx's.
 */
export const CLUSTER = process.env.E2E_CLUSTER === "1";
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 9000);

/** The run's data directory: set once by the config and inherited by the workers through the environment. */
export const runDataDir = () => join(process.cwd(), ".data", "e2e", process.env.E2E_RUN_ID ?? "default");

export function serversFor(index: number) {
  return {
    appOrigin: `${CLUSTER ? "https" : "http"}://localhost:${APP_PORT + index}`,
    sandboxOrigin: `http://localhost:${SANDBOX_PORT + index}`,
    appPort: APP_PORT + index,
    sandboxPort: SANDBOX_PORT + index,
    dataDir: join(runDataDir(), String(index)),
  };
}

/**
 * This worker's servers (Playwright numbers parallel workers from 0). A function, not a constant: the
 * config imports this module too, and in a worker it is loaded before the worker's index is set.
 */
export const ownServers = () => serversFor(Number(process.env.TEST_PARALLEL_INDEX ?? 0));

/** What an app and its stand-in start with, for a given app origin (what CIS2 sends the browser back to) and stand-in. */
export function appSettings(appOrigin: string, sandboxOrigin: string, sandboxPort: number, dataDir: string): Record<string, string> {
  return {
    NEXT_TELEMETRY_DISABLED: "1",
    APP_BASE_URL: appOrigin,
    APP_DATA_DIR: dataDir,
    CIS2_ISSUER: `${sandboxOrigin}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare`,
    // every API at this worker's stand-in
    ...baseUrlSettingsFor(sandboxOrigin),
    SANDBOX_PORT: String(sandboxPort),
    MOCK_CIS2_APP_BASE_URL: appOrigin,
    LOG_LEVEL: "info",
    // the stand-in serves the NRL documents and e-RS attachment store too, on whichever port it has
    NRL_DOCUMENT_ORIGINS: sandboxOrigin,
    ERS_ATTACHMENT_ORIGINS: sandboxOrigin,
    // the journeys search and open SCRs as one GP in quick succession; the rate-limit journey exceeds these on purpose
    RATE_LIMIT_SEARCHES_PER_MINUTE: "600",
    RATE_LIMIT_SCR_PER_MINUTE: "40",
    // MESH at this worker's stand-in, with its demo mailbox (stated, so the int run has them too), polled every second
    MESH_BASE_URL: sandboxOrigin,
    MESH_MAILBOX_ID: LOCAL_MESH.mailboxId,
    MESH_MAILBOX_PASSWORD: LOCAL_MESH.password,
    MESH_SHARED_KEY: LOCAL_MESH.sharedKey,
    MESH_POLL_SECONDS: "1",
    BARS_TEST_TARGETS: ["400", "401", "403", "404", "405", "406", "408", "409", "422", "500", "501", "503", "504"]
      .map((status) => `NHS0001-${status}`)
      .join(","),
    // the journeys send NHS App messages, as an organisation onboarded as an NHS App partner would
    NHS_APP_MESSAGING: "on",
  };
}

export interface ClusterInstanceInfo {
  origin: string;
  port: number;
  pid: number;
  log: string;
}

/** The cluster run's instances, as its global setup started them. */
export function clusterInstances(): ClusterInstanceInfo[] {
  const instances = process.env.E2E_CLUSTER_INSTANCES;
  if (!instances) throw new Error("not a cluster run: E2E_CLUSTER_INSTANCES is unset (scripts/run-journeys.mjs starts the cluster run)");
  return JSON.parse(instances) as ClusterInstanceInfo[];
}
