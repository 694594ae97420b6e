import { defineConfig, devices } from "@playwright/test";
import { baseUrlSettingsFor } from "./lib/config/apis";
import { NHS_APIS } from "./lib/nhs/catalogue";
import { JOURNEY_WORKERS, serversFor } from "./e2e/support/servers";

// One fresh data directory per run, inherited by the workers through the environment.
process.env.E2E_RUN_ID ??= `${Date.now()}-${process.env.E2E_NHS_MODE === "int" ? "int" : "local"}`;
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
      }
    : {};
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
    BARS_TEST_TARGETS: ["400", "401", "403", "404", "405", "406", "408", "409", "422", "500", "501", "503", "504"]
      .map((status) => `NHS0001-${status}`)
      .join(","),
    ...integrationEnv,
  };
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
  outputDir: process.env.E2E_NHS_MODE === "int" ? "./test-results/int" : "./test-results/local",
  fullyParallel: false,
  workers: JOURNEY_WORKERS,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // generous for a busy 2-core machine: a journey waits for what a person would see, never for a fixed time
  timeout: 90_000,
  expect: { timeout: 20_000 },
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: serversFor(0).appOrigin,
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
  projects: [
    // E2E_JOURNEYS=platform takes only the journeys tagged @platform (what int mode changes); a project's own
    // grep, since a --grep on the command line does not reach the projects the checks depend on
    { name: "journeys", testMatch: /.*\.spec\.ts/, ...(PLATFORM_ONLY ? { grep: /@platform/ } : {}) },
    // Runs after every journey: fails if any page route was never scanned with axe (a full run only).
    ...(PLATFORM_ONLY ? [] : [{ name: "accessibility-coverage", testMatch: /accessibility-coverage\.check\.ts/, dependencies: ["journeys"] }]),
    // Runs after every journey: the app's log and what pages left in browser storage hold no patient data.
    { name: "privacy-scan", testMatch: /privacy-scan\.check\.ts/, dependencies: ["journeys"] },
    // Runs after every journey: what the app sent and the stand-in answered kept to the NHS's published specs.
    { name: "contract", testMatch: /contract\.check\.ts/, dependencies: ["journeys"] },
  ],
  webServer: servers,
});
