import type pg from "pg";
import {
  canonicalAuditText,
  GENESIS_HASH,
  type AuditEntry,
  type AuditFilter,
  type AuditTrail,
  type ChainAnchor,
  type ChainHead,
  auditSearchSql,
  type ChainVerification,
  entryFields,
  type StoredAuditEntry,
} from "./audit-trail";
import { type AuditChainKeyring, type AuditRow, ChainWalk, fromAuditRow, storableAuditEntry } from "./audit-row";

const VERIFY_BATCH_ROWS = 5_000;
const PREFIX_BEFORE_PREVIOUS_HASH = `["${GENESIS_HASH}",`;

/**
 * canonicalAuditText without its opening `["<previous hash>",`: the database adds that under the head row's lock
 * and hashes the whole, so the text hashed is canonicalAuditText's exactly (a previous hash is 64 hex digits, which
 * JSON writes as they are, in quotes) and verifies as SQLite's rows do.
 */
function canonicalTextAfterPreviousHash(entry: AuditEntry, signature: { keyId: string; mac: string }): string {
  const text = canonicalAuditText(entry, GENESIS_HASH, signature);
  if (!text.startsWith(PREFIX_BEFORE_PREVIOUS_HASH)) throw new Error("canonicalAuditText no longer starts with the previous hash");
  return text.slice(PREFIX_BEFORE_PREVIOUS_HASH.length);
}

/**
 * The audit trail shared by every instance: one chain, serialised in the database. Each append locks the chain's
 * head row in its transaction, so appends from any instance queue there, each hashing onto the one before, with
 * ids that follow on without gaps. `record` resolves once the commit is flushed (openPostgres sets
 * synchronous_commit on for the app's connections, whatever the server's default).
 *
 * The MAC is taken here, over the entry without its place in the chain, so the key never goes to the database; the
 * database links the signed entry to the one before. Someone with the database but not the key cannot write or
 * change an entry that verifies; relinking after a deletion is caught by the anchors in the application log.
 */
export class PostgresAuditTrail implements AuditTrail {
  constructor(
    private readonly pool: pg.Pool,
    private readonly keys: AuditChainKeyring,
  ) {}

  async record(given: AuditEntry): Promise<StoredAuditEntry> {
    const entry = storableAuditEntry(given);
    const signature = this.keys.sign(entry);
    // One statement, so the head row is locked only while it runs and commits: lock the head, append after it,
    // move the head on. Under contention FOR UPDATE waits, then reads the head as the writer before left it.
    const { rows } = await this.pool.query<{ id: string; previous_hash: string; hash: string }>(
      `WITH head AS (
        SELECT last_id, last_hash FROM audit_chain_head FOR UPDATE
      ), appended AS (
        INSERT INTO audit_log (id, occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number,
          basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash, key_id, mac)
        SELECT head.last_id + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, head.last_hash,
          encode(sha256(convert_to('["' || head.last_hash || '",' || $13, 'UTF8')), 'hex'), $14, $15
        FROM head
        RETURNING id, previous_hash, hash
      ), moved AS (
        UPDATE audit_chain_head SET last_id = appended.id, last_hash = appended.hash FROM appended
      )
      SELECT id, previous_hash, hash FROM appended`,
      [...entryFields(entry), canonicalTextAfterPreviousHash(entry, signature), signature.keyId, signature.mac],
    );
    const stored = rows[0];
    if (!stored) throw new Error("the audit chain has no head row: the database was not migrated");
    return { ...entry, id: Number(stored.id), previousHash: stored.previous_hash, hash: stored.hash, ...signature };
  }

  async list(filter: AuditFilter = {}) {
    const search = auditSearchSql(filter, { placeholder: (position) => `$${position}`, textOrder: ' COLLATE "C"' });
    if (!search) return [];
    const { rows } = await this.pool.query<AuditRow>(`SELECT * FROM audit_log ${search.where} ORDER BY id DESC LIMIT ${search.limit}`, search.values);
    return rows.map(fromAuditRow);
  }

  async ping() {
    await this.pool.query("SELECT 1 FROM audit_chain_head");
  }

  async head(): Promise<ChainHead> {
    const { rows } = await this.pool.query<{ last_id: string; last_hash: string; key_id: string | null }>(
      "SELECT head.last_id, head.last_hash, last.key_id FROM audit_chain_head head LEFT JOIN audit_log last ON last.id = head.last_id",
    );
    const head = rows[0];
    if (!head) throw new Error("the audit chain has no head row: the database was not migrated");
    return { entries: Number(head.last_id), hash: head.last_hash, keyId: head.key_id };
  }

  async verifyChain(anchors: readonly ChainAnchor[] = []): Promise<ChainVerification> {
    const walk = new ChainWalk(this.keys, anchors);
    let afterId = 0;
    // in batches by id, so a long trail is never held in memory at once
    for (;;) {
      const { rows } = await this.pool.query<AuditRow>("SELECT * FROM audit_log WHERE id > $1 ORDER BY id ASC LIMIT $2", [afterId, VERIFY_BATCH_ROWS]);
      for (const row of rows) {
        if (!walk.next(fromAuditRow(row))) return walk.result();
      }
      if (rows.length < VERIFY_BATCH_ROWS) return walk.result();
      afterId = Number(rows[rows.length - 1]!.id);
    }
  }
}
