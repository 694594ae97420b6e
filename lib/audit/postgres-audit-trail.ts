import type pg from "pg";
import {
  canonicalAuditText,
  GENESIS_HASH,
  type AuditEntry,
  type AuditFilter,
  type AuditTrail,
  type ChainVerification,
  type StoredAuditEntry,
} from "./audit-trail";
import { type AuditRow, ChainWalk, fromAuditRow, storableAuditEntry } from "./audit-row";

const VERIFY_BATCH_ROWS = 5_000;
const PREFIX_BEFORE_PREVIOUS_HASH = `["${GENESIS_HASH}",`;

/**
 * canonicalAuditText without its opening `["<previous hash>",`: the database adds that under the head row's lock
 * and hashes the whole, so the text hashed is canonicalAuditText's exactly (a previous hash is 64 hex digits, which
 * JSON writes as they are, in quotes) and verifies as SQLite's rows do.
 */
function canonicalTextAfterPreviousHash(entry: AuditEntry): string {
  const text = canonicalAuditText(entry, GENESIS_HASH);
  if (!text.startsWith(PREFIX_BEFORE_PREVIOUS_HASH)) throw new Error("canonicalAuditText no longer starts with the previous hash");
  return text.slice(PREFIX_BEFORE_PREVIOUS_HASH.length);
}

/**
 * The audit trail shared by every instance: one chain, serialised in the database. Each append locks the chain's
 * head row in its transaction, so appends from any instance queue there, each hashing onto the one before, with
 * ids that follow on without gaps. `record` resolves once the commit is flushed (openPostgres sets
 * synchronous_commit on for the app's connections, whatever the server's default).
 */
export class PostgresAuditTrail implements AuditTrail {
  constructor(private readonly pool: pg.Pool) {}

  async record(given: AuditEntry): Promise<StoredAuditEntry> {
    const entry = storableAuditEntry(given);
    // One statement, so the head row is locked only while it runs and commits: lock the head, append after it,
    // move the head on. Under contention FOR UPDATE waits, then reads the head as the writer before left it.
    const { rows } = await this.pool.query<{ id: string; previous_hash: string; hash: string }>(
      `WITH head AS (
        SELECT last_id, last_hash FROM audit_chain_head FOR UPDATE
      ), appended AS (
        INSERT INTO audit_log (id, occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number,
          basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash)
        SELECT head.last_id + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, head.last_hash,
          encode(sha256(convert_to('["' || head.last_hash || '",' || $13, 'UTF8')), 'hex')
        FROM head
        RETURNING id, previous_hash, hash
      ), moved AS (
        UPDATE audit_chain_head SET last_id = appended.id, last_hash = appended.hash FROM appended
      )
      SELECT id, previous_hash, hash FROM appended`,
      [
        entry.occurredAt,
        entry.userId,
        entry.userName,
        entry.roleId,
        entry.roleName,
        entry.orgCode,
        entry.action,
        entry.patientNhsNumber,
        entry.basisOfAccess,
        entry.reason,
        entry.upstreamRequestId,
        entry.outcome,
        canonicalTextAfterPreviousHash(entry),
      ],
    );
    const stored = rows[0];
    if (!stored) throw new Error("the audit chain has no head row: the database was not migrated");
    return { ...entry, id: Number(stored.id), previousHash: stored.previous_hash, hash: stored.hash };
  }

  async list(filter: AuditFilter = {}) {
    const parameters: Array<string | number> = [];
    const clauses: string[] = [];
    const conditions: Array<["patientNhsNumber" | "userId" | "action" | "from" | "to", string]> = [
      ["patientNhsNumber", "patient_nhs_number ="],
      ["userId", "user_id ="],
      ["action", "action ="],
      // ISO timestamps compared as text, as in SQLite: bytewise ("C"), so in time order whatever the database's locale
      ["from", 'occurred_at COLLATE "C" >='],
      ["to", 'occurred_at COLLATE "C" <='],
    ];
    for (const [key, comparison] of conditions) {
      const value = filter[key];
      if (value === undefined || value === "") continue;
      parameters.push(value);
      clauses.push(`${comparison} $${parameters.length}`);
    }
    if (filter.orgCodes) {
      if (filter.orgCodes.length === 0) return [];
      parameters.push(...filter.orgCodes);
      const first = parameters.length - filter.orgCodes.length + 1;
      clauses.push(`org_code IN (${filter.orgCodes.map((_, index) => `$${first + index}`).join(", ")})`);
    }
    parameters.push(filter.limit ?? 500);
    const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
    const { rows } = await this.pool.query<AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $${parameters.length}`, parameters);
    return rows.map(fromAuditRow);
  }

  async ping() {
    await this.pool.query("SELECT 1 FROM audit_chain_head");
  }

  async verifyChain(): Promise<ChainVerification> {
    const walk = new ChainWalk(GENESIS_HASH);
    let afterId = 0;
    // in batches by id, so a long trail is never held in memory at once
    for (;;) {
      const { rows } = await this.pool.query<AuditRow>("SELECT * FROM audit_log WHERE id > $1 ORDER BY id ASC LIMIT $2", [afterId, VERIFY_BATCH_ROWS]);
      for (const row of rows) {
        if (!walk.next(fromAuditRow(row))) return { intact: false, brokenAtId: walk.brokenAtId! };
      }
      if (rows.length < VERIFY_BATCH_ROWS) return { intact: true, entries: walk.entries };
      afterId = Number(rows[rows.length - 1]!.id);
    }
  }
}
