import { startCluster } from "../../tests/cluster";
import { appSettings, serversFor } from "./servers";

/**
 * The cluster run's servers (Playwright's globalSetup; scripts/run-journeys.mjs): a throwaway PostgreSQL, one
 * stand-in, two instances of the build (ports E2E_APP_PORT+10 and +11) and nginx at E2E_APP_PORT (https) with
 * E2E_APP_PORT+1 redirecting to it. The workers inherit where the database and the instances are through the
 * environment. Everything stops afterwards, or when the run is killed (tests/cluster.ts).
 */
export default async function clusterSetup() {
  const { appPort, sandboxPort, dataDir } = serversFor(0);
  const started = Date.now();
  const cluster = await startCluster({
    httpsPort: appPort,
    httpPort: appPort + 1,
    // E2E_CLUSTER_INSTANCE_PORT moves the two instances (a machine where +10 and +11 are taken)
    instancePorts: [0, 1].map((offset) => Number(process.env.E2E_CLUSTER_INSTANCE_PORT ?? appPort + 10) + offset),
    sandboxPort,
    dataDir,
    environment: (appOrigin, sandboxOrigin) => appSettings(appOrigin, sandboxOrigin, sandboxPort, dataDir),
  });
  console.log(
    `cluster up in ${Math.round((Date.now() - started) / 1000)} s: ${cluster.origin} → ${cluster.instances.map((instance) => instance.origin).join(", ")}`,
  );
  process.env.DATABASE_URL = cluster.databaseUrl;
  process.env.E2E_CLUSTER_INSTANCES = JSON.stringify(cluster.instances);
  return async () => {
    const stopping = Date.now();
    await cluster.stop();
    console.log(`cluster stopped in ${Math.round((Date.now() - stopping) / 100) / 10} s`);
  };
}
