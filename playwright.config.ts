import { defineConfig, devices } from "@playwright/test";
import { NHS_APIS } from "./lib/config/apis";

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 9000);
// One fresh data directory per run, inherited by the workers through the environment.
process.env.E2E_RUN_ID ??= `${Date.now()}-${process.env.E2E_NHS_MODE === "int" ? "int" : "local"}`;
const appBaseUrl = `http://localhost:${APP_PORT}`;
const sandboxBaseUrl = `http://localhost:${SANDBOX_PORT}`;
/**
 * E2E_NHS_MODE=int runs every journey with the app configured as for the NHS integration environment
 * (NHS_ENV=int: each API with its platform credentials) against the stand-in in integration mode,
 * where tokens and API keys are really demanded and checked. Only the hosts point at the stand-in.
 */
const INTEGRATION = process.env.E2E_NHS_MODE === "int";
const integrationEnv = INTEGRATION
  ? {
      NHS_ENV: "int",
      ...Object.fromEntries(Object.values(NHS_APIS).map(({ setting, basePath }) => [`${setting}_BASE_URL`, `${sandboxBaseUrl}${basePath}`])),
      APIM_TOKEN_URL: `${sandboxBaseUrl}/oauth2/token`,
      APIM_API_KEY: "care-record-viewer-local-api-key",
      APIM_CLIENT_SECRET: "care-record-viewer-local-secret",
      SANDBOX_MODE: "integration",
    }
  : {};

const sharedEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  APP_BASE_URL: appBaseUrl,
  APP_DATA_DIR: `.data/e2e/${process.env.E2E_RUN_ID}`,
  CIS2_ISSUER: `${sandboxBaseUrl}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare`,
  PDS_BASE_URL: `${sandboxBaseUrl}/personal-demographics/FHIR/R4`,
  SANDBOX_PORT: String(SANDBOX_PORT),
  MOCK_CIS2_APP_BASE_URL: appBaseUrl,
  LOG_LEVEL: "info",
  // the stand-in serves the NRL documents and e-RS attachment store too, on whichever port it has
  NRL_DOCUMENT_ORIGINS: sandboxBaseUrl,
  ERS_ATTACHMENT_ORIGINS: sandboxBaseUrl,
  BARS_TEST_TARGETS: ["400", "401", "403", "404", "405", "406", "408", "409", "422", "500", "501", "503", "504"].map((status) => `NHS0001-${status}`).join(","),
  ...integrationEnv,
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: process.env.E2E_NHS_MODE === "int" ? "./test-results/int" : "./test-results/local",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: appBaseUrl,
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
    trace: "retain-on-failure",
  },
  projects: [
    { name: "journeys", testMatch: /.*\.spec\.ts/ },
    // Runs after every journey: fails if any page route was never scanned with axe.
    { name: "accessibility-coverage", testMatch: /accessibility-coverage\.check\.ts/, dependencies: ["journeys"] },
    // Runs after every journey: the app's log and what pages left in browser storage hold no patient data.
    { name: "privacy-scan", testMatch: /privacy-scan\.check\.ts/, dependencies: ["journeys"] },
  ],
  webServer: [
    {
      command: "node .local/sandbox/main.mjs",
      url: `${sandboxBaseUrl}/_stand-in/health`,
      env: { ...sharedEnv, SANDBOX_REQUEST_LOG: "off" },
      reuseExistingServer: false,
      timeout: 20_000,
      stdout: "pipe",
    },
    {
      // the app's log goes to a file the privacy scan reads after the journeys
      command: `mkdir -p .data/e2e/${process.env.E2E_RUN_ID} && exec node_modules/.bin/next start --port ${APP_PORT} > .data/e2e/${process.env.E2E_RUN_ID}/app.log 2>&1`,
      url: appBaseUrl,
      env: sharedEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
});
