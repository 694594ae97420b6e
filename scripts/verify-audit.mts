/**
 * Verifies the audit trail's hash chain: every entry must hash, with its predecessor's hash, to what is
 * stored. Exits 0 when intact, 1 naming the first entry that is not, 2 when there is no trail to read.
 *   npm run audit:verify            (PostgreSQL at DATABASE_URL when set; else APP_DATA_DIR/audit.db, default .data/audit.db)
 *   npm run audit:verify -- path/to/audit.db
 *   npm run audit:verify -- postgres://user@host:5432/database
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { AuditTrail } from "../lib/audit/audit-trail";
import { PostgresAuditTrail } from "../lib/audit/postgres-audit-trail";
import { SqliteAuditTrail } from "../lib/audit/sqlite-audit-trail";
import { closeAllPostgres, describeDatabase, openPostgres } from "../lib/state/postgres";

const target = process.argv[2] ?? process.env.DATABASE_URL ?? join(process.env.APP_DATA_DIR ?? ".data", "audit.db");
const isPostgres = /^postgres(ql)?:\/\//.test(target);

let trail: AuditTrail;
let where: string;
if (isPostgres) {
  where = `PostgreSQL at ${describeDatabase(target)}`;
  trail = new PostgresAuditTrail(openPostgres(target));
} else {
  where = resolve(target);
  if (!existsSync(where)) {
    console.error(`No audit trail at ${where}`);
    process.exit(2);
  }
  trail = new SqliteAuditTrail(new Database(where, { fileMustExist: true }));
}

let result: Awaited<ReturnType<AuditTrail["verifyChain"]>>;
try {
  result = await trail.verifyChain();
} catch (error) {
  console.error(`Could not read the audit trail in ${where}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
} finally {
  await closeAllPostgres();
}
if (result.intact) {
  console.log(`Audit trail intact: ${result.entries} entries, each chained to the one before (${where})`);
  process.exit(0);
}
console.error(`Audit trail BROKEN at entry ${result.brokenAtId}: it, or an entry before it, was changed after it was written (${where})`);
process.exit(1);
