import { defineConfig, devices } from "@playwright/test";
import { NHS_APIS } from "./lib/nhs/catalogue";
import { appSettings, CLUSTER, JOURNEY_WORKERS, serversFor } from "./e2e/support/servers";

const RUN_NAME = CLUSTER ? "cluster" : process.env.E2E_NHS_MODE === "int" ? "int" : "local";
// One fresh data directory per run, inherited by the workers through the environment.
process.env.E2E_RUN_ID ??= `${Date.now()}-${RUN_NAME}`;
/**
 * E2E_NHS_MODE=int runs the journeys with the app configured as for the NHS integration environment
 * (NHS_ENV=int: each API with its platform credentials) against the stand-in in integration mode,
 * where tokens and API keys are really demanded and checked. Only the hosts point at the stand-in.
 */
const INTEGRATION = process.env.E2E_NHS_MODE === "int";
const PLATFORM_ONLY = process.env.E2E_JOURNEYS === "platform";

/** What one app and its stand-in are started with. */
function environmentFor(index: number): Record<string, string> {
  const { appOrigin, sandboxOrigin, sandboxPort, dataDir } = serversFor(index);
  const integrationEnv: Record<string, string> = INTEGRATION
    ? {
        NHS_ENV: "int",
        APIM_TOKEN_URL: `${sandboxOrigin}/oauth2/token`,
        APIM_API_KEY: "care-record-viewer-local-api-key",
        APIM_CLIENT_SECRET: "care-record-viewer-local-secret",
        // the Terminology Server's own authorisation server, on the stand-in, with its registered system account
        TERMINOLOGY_TOKEN_URL: `${sandboxOrigin}${NHS_APIS.terminology.tokenPath}`,
        TERMINOLOGY_CLIENT_ID: "care-record-viewer-local",
        TERMINOLOGY_CLIENT_SECRET: "care-record-viewer-local-terminology-secret",
        SANDBOX_MODE: "integration",
        // NHS_ENV=int requires the audit chain's key to be set, not derived; a fixed one is enough for a test run
        AUDIT_CHAIN_KEYS: `e2e-int:${Buffer.alloc(32, 0x5a).toString("base64")}`,
      }
    : {};
  return { ...appSettings(appOrigin, sandboxOrigin, sandboxPort, dataDir), ...integrationEnv };
}

/** Each worker's stand-in and app. */
const servers = Array.from({ length: JOURNEY_WORKERS }, (_, index) => {
  const { appOrigin, sandboxOrigin, appPort, dataDir } = serversFor(index);
  const env = environmentFor(index);
  return [
    {
      command: "node .local/sandbox/main.mjs",
      url: `${sandboxOrigin}/_stand-in/health`,
      // every request and answer checked against the NHS's published specs (e2e/contract.check.ts reads the result)
      env: { ...env, SANDBOX_REQUEST_LOG: "off", SANDBOX_CONTRACT_CHECK: "on" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe" as const,
    },
    {
      // the app's log goes to a file the privacy scan reads after the journeys
      command: `mkdir -p ${dataDir} && exec node_modules/.bin/next start --port ${appPort} > ${dataDir}/app.log 2>&1`,
      url: appOrigin,
      env,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe" as const,
    },
  ];
}).flat();

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./test-results/${RUN_NAME}`,
  fullyParallel: false,
  workers: JOURNEY_WORKERS,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // generous for a busy 2-core machine: a journey waits for what a person would see, never for a fixed time
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // the cluster run starts its own servers (PostgreSQL, the stand-in, two instances, nginx) and stops them after
  globalSetup: CLUSTER ? "./e2e/support/cluster-setup.ts" : "./e2e/support/global-setup.ts",
  use: {
    baseURL: serversFor(0).appOrigin,
    // the cluster's nginx has a certificate made for the run
    ignoreHTTPSErrors: CLUSTER,
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Debian's headless shell, installed by scripts/ensure-chromium.mjs
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium-headless-shell",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
  },
  projects: CLUSTER
    ? // through nginx to two instances: only what several instances change; the checks below run in the local run
      [{ name: "journeys", testMatch: /cluster\.spec\.ts/ }]
    : [
        // E2E_JOURNEYS=platform takes only the journeys tagged @platform (what int mode changes); a project's own
        // grep, since a --grep on the command line does not reach the projects the checks depend on
        { name: "journeys", testMatch: /.*\.spec\.ts/, testIgnore: /cluster\.spec\.ts/, ...(PLATFORM_ONLY ? { grep: /@platform/ } : {}) },
        // Runs after every journey: fails if any page route was never scanned with axe (a full run only).
        ...(PLATFORM_ONLY ? [] : [{ name: "accessibility-coverage", testMatch: /accessibility-coverage\.check\.ts/, dependencies: ["journeys"] }]),
        // Runs after every journey: the app's log and what pages left in browser storage hold no patient data.
        { name: "privacy-scan", testMatch: /privacy-scan\.check\.ts/, dependencies: ["journeys"] },
        // Runs after every journey: what the app sent and the stand-in answered kept to the NHS's published specs.
        { name: "contract", testMatch: /contract\.check\.ts/, dependencies: ["journeys"] },
      ],
  webServer: CLUSTER ? [] : servers,
});
