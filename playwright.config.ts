import { defineConfig, devices } from "@playwright/test";

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 9000);
// One fresh data directory per run, inherited by the workers through the environment.
process.env.E2E_RUN_ID ??= String(Date.now());
const appBaseUrl = `http://localhost:${APP_PORT}`;
const sandboxBaseUrl = `http://localhost:${SANDBOX_PORT}`;

const sharedEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  APP_BASE_URL: appBaseUrl,
  APP_DATA_DIR: `.data/e2e/${process.env.E2E_RUN_ID}`,
  CIS2_ISSUER: `${sandboxBaseUrl}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare`,
  PDS_BASE_URL: `${sandboxBaseUrl}/personal-demographics/FHIR/R4`,
  SANDBOX_PORT: String(SANDBOX_PORT),
  MOCK_CIS2_APP_BASE_URL: appBaseUrl,
  LOG_LEVEL: "warn",
  BARS_TEST_TARGETS: ["400", "401", "403", "404", "405", "406", "408", "409", "422", "500", "501", "503", "504"].map((status) => `NHS0001-${status}`).join(","),
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
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
      command: `node_modules/.bin/next start --port ${APP_PORT}`,
      url: appBaseUrl,
      env: sharedEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
});
