import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseFaultsSetting } from "./common/faults";
import { parseSandboxSettings } from "./config";
import { buildSandbox } from "./server";

const started = performance.now();

let settings;
try {
  settings = parseSandboxSettings(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

function readJwks(setting: string, file: string) {
  const path = resolve(file);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    console.error(`${setting}: cannot read the app's public key set at ${path}. Run "npm run prepare-local" to generate it.`);
    process.exit(1);
  }
}

const jwks = readJwks("MOCK_CIS2_CLIENT_JWKS_FILE", settings.MOCK_CIS2_CLIENT_JWKS_FILE);
const apimJwks = settings.MOCK_APIM_APP_JWKS_FILE ? readJwks("MOCK_APIM_APP_JWKS_FILE", settings.MOCK_APIM_APP_JWKS_FILE) : jwks;

let faults;
try {
  faults = parseFaultsSetting(process.env.SANDBOX_FAULTS);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const contractSpecsDir = settings.SANDBOX_CONTRACT_CHECK === "on" ? resolve(settings.NHS_SPECS_DIR) : undefined;
if (contractSpecsDir && !existsSync(contractSpecsDir)) {
  console.error(`SANDBOX_CONTRACT_CHECK is on, but NHS_SPECS_DIR (${contractSpecsDir}) holds no specs.`);
  process.exit(1);
}

const publicBaseUrl = settings.SANDBOX_PUBLIC_URL ?? `http://localhost:${settings.SANDBOX_PORT}`;
const { app } = await buildSandbox({
  publicBaseUrl,
  cis2Client: { clientId: settings.MOCK_CIS2_CLIENT_ID, appBaseUrl: settings.MOCK_CIS2_APP_BASE_URL, jwks },
  faults,
  mode: settings.SANDBOX_MODE,
  applications: [{ apiKey: settings.MOCK_APIM_API_KEY, clientSecret: settings.MOCK_APIM_CLIENT_SECRET, jwks: apimJwks }],
  terminologyClients: [{ clientId: settings.MOCK_TERMINOLOGY_CLIENT_ID, clientSecret: settings.MOCK_TERMINOLOGY_CLIENT_SECRET }],
  requestLog: settings.SANDBOX_REQUEST_LOG === "on" ? (line) => console.log(`[stand-in] ${line}`) : undefined,
  contractSpecsDir,
});

await app.listen({ port: settings.SANDBOX_PORT, host: settings.SANDBOX_HOST });
console.log(
  `[stand-in] NHS stand-in listening on ${publicBaseUrl} in ${settings.SANDBOX_MODE} mode (mock CIS2, APIM identity, PDS) in ${Math.round(performance.now() - started)} ms`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
