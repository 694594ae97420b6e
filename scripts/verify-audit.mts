/**
 * Verifies the audit trail: every entry follows on from the one before, hashes to what is stored and carries a MAC
 * that verifies under the audit chain key it names (AUDIT_CHAIN_KEYS, or the key derived from the session secret);
 * and, given anchors (the chain heads the app writes to its log), that the trail still holds what each recorded.
 * Prints the head, to keep as an anchor. Exits 0 when intact, 1 naming the first entry that is not (or the anchor
 * that does not hold), 2 when there is no trail to read or no key to verify it with.
 *   npm run audit:verify            (PostgreSQL at DATABASE_URL when set; else APP_DATA_DIR/audit.db, default .data/audit.db)
 *   npm run audit:verify -- path/to/audit.db
 *   npm run audit:verify -- postgres://user@host:5432/database
 *   npm run audit:verify -- --anchor 10000:<hash>          (repeatable)
 *   npm run audit:verify -- --anchors app.log               (the anchors in a file of the app's log lines)
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { anchorsFromLog, formatAnchor, parseAnchor } from "../lib/audit/audit-anchor";
import { AuditChainKeyring } from "../lib/audit/audit-row";
import type { AuditTrail, ChainAnchor, ChainVerification } from "../lib/audit/audit-trail";
import { PostgresAuditTrail } from "../lib/audit/postgres-audit-trail";
import { SqliteAuditTrail } from "../lib/audit/sqlite-audit-trail";
import { auditChainKeysFromEnvironment, ConfigurationError } from "../lib/config/build";
import { closeAllPostgres, describeDatabase, openPostgres } from "../lib/state/postgres";

function stop(message: string): never {
  console.error(message);
  process.exit(2);
}

let options: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({ allowPositionals: true, options: { anchor: { type: "string", multiple: true }, anchors: { type: "string", multiple: true } } });
}
try {
  options = parseOptions();
} catch (error) {
  stop(error instanceof Error ? error.message : String(error));
}

const anchors: ChainAnchor[] = [];
for (const text of options.values.anchor ?? []) {
  const anchor = parseAnchor(text);
  if (!anchor) stop(`--anchor ${text}: expected <entries>:<hash>, as in the "anchor" field of the app's "audit chain head" log lines`);
  anchors.push(anchor);
}
for (const file of options.values.anchors ?? []) {
  if (!existsSync(file)) stop(`--anchors ${file}: no such file`);
  const found = anchorsFromLog(readFileSync(file, "utf8"));
  if (!found.length) stop(`--anchors ${file}: no "audit chain head" lines in it`);
  anchors.push(...found);
}

let keys: AuditChainKeyring;
try {
  keys = new AuditChainKeyring(auditChainKeysFromEnvironment(process.env));
} catch (error) {
  if (error instanceof ConfigurationError) stop(`No key to verify the audit chain with:\n${error.problems.map((problem) => `  - ${problem}`).join("\n")}`);
  throw error;
}

const target = options.positionals[0] ?? process.env.DATABASE_URL ?? join(process.env.APP_DATA_DIR ?? ".data", "audit.db");
let trail: AuditTrail;
let where: string;
if (/^postgres(ql)?:\/\//.test(target)) {
  where = `PostgreSQL at ${describeDatabase(target)}`;
  trail = new PostgresAuditTrail(openPostgres(target), keys);
} else {
  where = resolve(target);
  if (!existsSync(where)) stop(`No audit trail at ${where}`);
  trail = new SqliteAuditTrail(new Database(where, { fileMustExist: true }), keys);
}

let result: ChainVerification;
try {
  result = await trail.verifyChain(anchors);
} catch (error) {
  stop(`Could not read the audit trail in ${where}: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await closeAllPostgres();
}

if (result.intact) {
  const keyed = result.entries - result.legacyEntries;
  console.log(`Audit trail intact: ${result.entries} entries, each chained to the one before (${where})`);
  if (result.legacyEntries) {
    console.log(`  entries 1 to ${result.legacyEntries}: legacy, written before the chain was keyed (hash-chained only, not signed)`);
  }
  if (keyed) console.log(`  ${result.legacyEntries ? `entries ${result.legacyEntries + 1} to ${result.entries}` : "every entry"}: signed, each MAC verified`);
  console.log(`  head: ${formatAnchor(result.head)} (key ${result.head.keyId ?? "none"}); keep it as an anchor: --anchor ${formatAnchor(result.head)}`);
  console.log(
    anchors.length
      ? `  anchors: ${anchors.length} checked, each still holds`
      : "  anchors: none given (a cut-off tail or a rewritten chain is found only against an anchor)",
  );
  process.exit(0);
}
const verdict = { truncated: "TRUNCATED", "anchor-mismatch": "REWRITTEN" }[result.problem as string] ?? `BROKEN at entry ${result.brokenAtId}`;
console.error(`Audit trail ${verdict}: ${result.detail} (${where})`);
process.exit(1);
