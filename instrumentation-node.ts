// A wrong setting stops the app at start-up with a message that names it, rather than at the first request.
import { buildAppConfig, ConfigurationError, describeRouting } from "./lib/config/build";
import { captureStartContext } from "./lib/nhs/transport/outside-request";
import { preparePostgres } from "./lib/state/postgres-migrations";
import { closeAllSqlite } from "./lib/state/sqlite";
import packageJson from "./package.json";

/** An unreachable or unmigratable database stops start-up as a wrong setting does (the message names DATABASE_URL). */
async function databaseReady(databaseUrl: string) {
  try {
    await preparePostgres(databaseUrl);
  } catch (error) {
    throw new ConfigurationError([error instanceof Error ? error.message : String(error)]);
  }
}

/** Traces and metrics, only when a collector is configured: the SDK is not even loaded otherwise. */
async function exportTelemetry(endpoint: string, config: { OTEL_SERVICE_NAME: string; OTEL_METRIC_EXPORT_INTERVAL: number }) {
  const { startTelemetry } = await import("./lib/telemetry/export-telemetry");
  const telemetry = startTelemetry({
    endpoint,
    serviceName: config.OTEL_SERVICE_NAME,
    serviceVersion: packageJson.version,
    metricExportIntervalMs: config.OTEL_METRIC_EXPORT_INTERVAL,
  });
  // what is buffered goes out before the process ends, as far as Next's own shutdown allows
  process.once("SIGTERM", () => void telemetry.shutdown().catch(() => undefined));
}

/** Awaited by register() before the first request: the database, when there is one, is reachable and migrated. */
export async function startUp() {
  captureStartContext();
  // Next's own SIGTERM handling stops taking connections and finishes the requests in flight, then exits; the
  // databases are closed last, so their final writes are checkpointed
  process.on("exit", closeAllSqlite);

  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const config = buildAppConfig(process.env);
    if (config.DATABASE_URL) await databaseReady(config.DATABASE_URL);
    if (config.OTEL_EXPORTER_OTLP_ENDPOINT) await exportTelemetry(config.OTEL_EXPORTER_OTLP_ENDPOINT, config);
    console.warn(
      `[care-record-viewer] configuration valid; ${config.DATABASE_URL ? "shared state in PostgreSQL (DATABASE_URL)" : `data in ${config.dataDir}`}\n${describeRouting(config).join("\n")}`,
    );
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
