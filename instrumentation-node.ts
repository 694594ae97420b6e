// A wrong setting stops the app at start-up with a message that names it, rather than at the first request.
import { buildAppConfig, ConfigurationError, describeRouting } from "./lib/config/build";
import { captureStartContext } from "./lib/nhs/transport/outside-request";
import { preparePostgres } from "./lib/state/postgres-migrations";
import { closeAllSqlite } from "./lib/state/sqlite";

/** An unreachable or unmigratable database stops start-up as a wrong setting does (the message names DATABASE_URL). */
async function databaseReady(databaseUrl: string) {
  try {
    await preparePostgres(databaseUrl);
  } catch (error) {
    throw new ConfigurationError([error instanceof Error ? error.message : String(error)]);
  }
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
