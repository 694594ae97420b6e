// A wrong setting stops the app at start-up with a message that names it, rather than at the first request.
import { buildAppConfig, ConfigurationError, describeRouting } from "./lib/config/build";
import { startAuditAnchors } from "./lib/audit/audit-anchor";
import { AuditChainKeyring } from "./lib/audit/audit-row";
import { PostgresAuditTrail } from "./lib/audit/postgres-audit-trail";
import { SqliteAuditTrail } from "./lib/audit/sqlite-audit-trail";
import { startMeshPoller } from "./lib/features/gp-summary/start-poller";
import { logger } from "./lib/log";
import { captureStartContext } from "./lib/nhs/transport/outside-request";
import { closeBeforeExit } from "./lib/server/shutdown";
import { closeAllPostgres, openPostgres, postgresTimeouts } from "./lib/state/postgres";
import { preparePostgres } from "./lib/state/postgres-migrations";
import { closeAllSqlite, openSqlite } from "./lib/state/sqlite";
import packageJson from "./package.json";

/** How long shutdown waits for the last anchor and the pools to close once the requests in flight are done. */
const CLOSE_LIMIT_MS = 10_000;

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
  return startTelemetry({
    endpoint,
    serviceName: config.OTEL_SERVICE_NAME,
    serviceVersion: packageJson.version,
    metricExportIntervalMs: config.OTEL_METRIC_EXPORT_INTERVAL,
  });
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
    const telemetry = config.OTEL_EXPORTER_OTLP_ENDPOINT ? await exportTelemetry(config.OTEL_EXPORTER_OTLP_ENDPOINT, config) : null;
    const keys = new AuditChainKeyring(config.auditChainKeys);
    const trail = config.DATABASE_URL
      ? new PostgresAuditTrail(openPostgres(config.DATABASE_URL, postgresTimeouts(config)), keys)
      : new SqliteAuditTrail(openSqlite(config.dataDir, "audit.db"), keys);
    const anchors = startAuditAnchors(trail, config.AUDIT_ANCHOR_MINUTES * 60_000, logger);
    const meshPoller = startMeshPoller(config, trail, logger);
    // after the requests in flight (Next waits for them before it exits): the last anchor, then the pools
    closeBeforeExit(async () => {
      await meshPoller?.stop();
      await anchors.stop();
      await closeAllPostgres();
      closeAllSqlite();
      // the spans and metrics still buffered, the shutdown's own included
      await telemetry?.shutdown();
    }, CLOSE_LIMIT_MS);
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
