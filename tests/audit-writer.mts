/**
 * One "instance" for the audit concurrency test: writes `count` entries to the PostgreSQL audit trail at
 * `url`, a few at a time, starting when its standard input says "go", so that every writer starts at once.
 *   node --import tsx tests/audit-writer.mts <url> <count> <writer name>
 */
import { createInterface } from "node:readline";
import pg from "pg";
import { PostgresAuditTrail } from "../lib/audit/postgres-audit-trail";
import { TEST_AUDIT_KEYS } from "./audit-keys";

const [url, countText, writer] = process.argv.slice(2);
const count = Number(countText);
if (!url || !writer || !Number.isInteger(count)) throw new Error("usage: audit-writer.mts <url> <count> <writer name>");
const IN_FLIGHT = 2;

const pool = new pg.Pool({ connectionString: url, max: IN_FLIGHT });
const trail = new PostgresAuditTrail(pool, TEST_AUDIT_KEYS);
await pool.query("SELECT 1");
process.stdout.write("ready\n");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));

let next = 0;
async function writeUntilDone() {
  while (next < count) {
    next += 1;
    await trail.record({
      occurredAt: new Date().toISOString(),
      userId: writer!,
      userName: "Concurrency Test",
      roleId: "656014452101",
      roleName: "Clinical Practitioner Access Role",
      orgCode: "Y12345",
      action: "patient-record-view",
      patientNhsNumber: "9000000009",
      basisOfAccess: null,
      reason: null,
      upstreamRequestId: `${writer}-${next}`,
      outcome: "data-returned",
    });
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, writeUntilDone));
await pool.end();
process.stdout.write("done\n");
