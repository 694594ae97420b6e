import { join } from "node:path";

/**
 * The journeys run in parallel workers, each against an app and a stand-in of its own (started by the
 * Playwright config), since a journey sets faults in its stand-in and reads its app's audit trail. Worker
 * i uses ports E2E_APP_PORT + i and E2E_SANDBOX_PORT + i and its own data directory under the run's.
 */
export const JOURNEY_WORKERS = Number(process.env.E2E_WORKERS ?? (process.env.E2E_JOURNEYS === "platform" ? 1 : 2));
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 9000);

/** The run's data directory: set once by the config and inherited by the workers through the environment. */
export const runDataDir = () => join(process.cwd(), ".data", "e2e", process.env.E2E_RUN_ID ?? "default");

export function serversFor(index: number) {
  return {
    appOrigin: `http://localhost:${APP_PORT + index}`,
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
