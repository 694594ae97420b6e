/**
 * Verifies the audit trail's hash chain: every entry must hash, with its predecessor's hash, to what is
 * stored. Exits 0 when intact, 1 naming the first entry that is not.
 *   npm run audit:verify            (reads APP_DATA_DIR/audit.db, default .data/audit.db)
 *   npm run audit:verify -- path/to/audit.db
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { SqliteAuditTrail } from "../lib/audit/sqlite-audit-trail";

const path = resolve(process.argv[2] ?? join(process.env.APP_DATA_DIR ?? ".data", "audit.db"));
if (!existsSync(path)) {
  console.error(`No audit trail at ${path}`);
  process.exit(2);
}
const trail = new SqliteAuditTrail(new Database(path, { fileMustExist: true }));
const result = await trail.verifyChain();
if (result.intact) {
  console.log(`Audit trail intact: ${result.entries} entries, each chained to the one before (${path})`);
  process.exit(0);
}
console.error(`Audit trail BROKEN at entry ${result.brokenAtId}: it, or an entry before it, was changed after it was written (${path})`);
process.exit(1);
