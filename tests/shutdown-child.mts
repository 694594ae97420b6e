/**
 * An app process for the graceful shutdown test: the app's real start-up (instrumentation-node.ts: migrations,
 * audit anchors, the hold on exit that closes the pools) and an HTTP server that stops on SIGTERM as `next start`
 * does (start-server.js: server.close, which waits for the requests in flight, then process.exit(143)).
 * GET /in-flight waits on an advisory lock the test holds, then writes an audit row through the app's pool and
 * answers once it is written.
 *   node --import tsx tests/shutdown-child.mts      (DATABASE_URL and the app's settings in the environment)
 */
import { createServer } from "node:http";
import { startUp } from "../instrumentation-node";
import { AuditChainKeyring } from "../lib/audit/audit-row";
import { PostgresAuditTrail } from "../lib/audit/postgres-audit-trail";
import { buildAppConfig } from "../lib/config/build";
import { openPostgres } from "../lib/state/postgres";

await startUp();
const config = buildAppConfig(process.env);
const pool = openPostgres(config.DATABASE_URL!);
const trail = new PostgresAuditTrail(pool, new AuditChainKeyring(config.auditChainKeys));
pool.on("remove", () => process.stdout.write(`${JSON.stringify({ event: "pool-connection-closed", open: pool.totalCount })}\n`));

const server = createServer((request, response) => {
  // anything else answers at once: the test's check that the server still takes requests
  if (request.url !== "/in-flight") return void response.end("open");
  void (async () => {
    // waits while the test holds this lock: a request in flight
    await pool.query("SELECT pg_advisory_lock(4242); SELECT pg_advisory_unlock(4242)");
    const row = await trail.record({
      occurredAt: new Date().toISOString(),
      userId: "656005750104",
      userName: "Shutdown Test",
      roleId: "656014452101",
      roleName: "Clinical Practitioner Access Role",
      orgCode: "Y12345",
      action: "patient-search",
      patientNhsNumber: null,
      basisOfAccess: null,
      reason: null,
      upstreamRequestId: request.url ?? null,
      outcome: "not-found",
    });
    response.end(String(row.id));
  })().catch((error: unknown) => {
    response.statusCode = 500;
    response.end(String(error));
  });
});
process.on("SIGTERM", () => server.close(() => process.exit(143)));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ event: "listening", port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
