/**
 * A throwaway PostgreSQL to develop against, migrated, until Ctrl-C (then stopped and removed):
 *   npm run postgres:throwaway
 *   DATABASE_URL=<the URL it prints> npm run dev
 */
import { migratePostgres } from "../lib/state/postgres-migrations";
import { startThrowawayPostgres } from "../tests/throwaway-postgres";

const server = await startThrowawayPostgres();
await migratePostgres(server.url);
console.log(`PostgreSQL is up until Ctrl-C:\n  DATABASE_URL=${server.url}`);
const stop = () => void server.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
