// The browser journeys, in three runs side by side, each with its own app and stand-in, data, output and
// accessibility record:
// - local: every journey, the stand-in open (ports 3000/9000);
// - int: the journeys tagged @platform, which reach every API with its platform authorisation pattern
//   (token exchange, signed JWT, API key) with the app configured for the integration environment and the
//   stand-in demanding credentials (ports 3100/9100). What else int mode changes (token refusals, key
//   rotation, the client assertion's rules) is proven by the unit suites against the same stand-in.
// - cluster: the journeys of e2e/cluster.spec.ts through nginx (over TLS, round robin, no sticky sessions) to two
//   instances of the build on a throwaway PostgreSQL, with one stand-in (e2e/support/cluster-setup.ts starts
//   them; nginx at 3500, the instances at 3510 and 3511, the stand-in at 9500).
// JOURNEY_RUNS=cluster (or local,int...) takes only those runs. Extra arguments go to every run. Exits non-zero if any fails.
import { runPrefixed } from "./run-prefixed.mjs";

const allRuns = [
  { name: "local", env: {} },
  { name: "int", env: { E2E_NHS_MODE: "int", E2E_JOURNEYS: "platform", E2E_APP_PORT: "3100", E2E_SANDBOX_PORT: "9100" } },
  { name: "cluster", env: { E2E_CLUSTER: "1", E2E_APP_PORT: "3500", E2E_SANDBOX_PORT: "9500" } },
];
const chosen = process.env.JOURNEY_RUNS?.split(",");
const runs = chosen ? allRuns.filter(({ name }) => chosen.includes(name)) : allRuns;

const started = Date.now();
const results = await Promise.all(
  runs.map(async ({ name, env }) => {
    const code = await runPrefixed(name, "node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], env);
    return { name, code, seconds: Math.round((Date.now() - started) / 1000) };
  }),
);
for (const { name, code, seconds } of results) console.log(`journeys (${name}): ${code === 0 ? "passed" : `failed (exit ${code})`} in ${seconds}s`);
process.exit(results.every(({ code }) => code === 0) ? 0 : 1);
