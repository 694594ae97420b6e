import type Database from "better-sqlite3";
import {
  GENESIS_HASH,
  type AuditEntry,
  type AuditFilter,
  type AuditTrail,
  type ChainAnchor,
  type ChainHead,
  auditSearchSql,
  type ChainVerification,
  type StoredAuditEntry,
} from "./audit-trail";
import { type AuditChainKeyring, type AuditRow, auditEntryHash, ChainWalk, fromAuditRow, storableAuditEntry } from "./audit-row";

/** Captured at load: a batch's commit is the trail's own I/O, never a timer that a test's fake clock may hold back. */
const nextTurnOfEventLoop = globalThis.setImmediate;

export class SqliteAuditTrail implements AuditTrail {
  private readonly appendAll: (entries: AuditEntry[]) => StoredAuditEntry[];
  /** Rows waiting for the next commit, each with its caller, who hears only once the commit is durable. */
  private waiting: Array<{ entry: AuditEntry; resolve: (stored: StoredAuditEntry) => void; reject: (error: unknown) => void }> = [];

  constructor(
    private readonly database: Database.Database,
    private readonly keys: AuditChainKeyring,
  ) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        occurred_at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        role_id TEXT NOT NULL,
        role_name TEXT NOT NULL,
        org_code TEXT NOT NULL,
        action TEXT NOT NULL,
        patient_nhs_number TEXT,
        basis_of_access TEXT,
        reason TEXT,
        upstream_request_id TEXT,
        outcome TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        key_id TEXT,
        mac TEXT
      );
      CREATE INDEX IF NOT EXISTS audit_log_patient ON audit_log (patient_nhs_number);
      CREATE INDEX IF NOT EXISTS audit_log_user ON audit_log (user_id);
      CREATE INDEX IF NOT EXISTS audit_log_org ON audit_log (org_code, id);
      CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `);
    // a trail from before the chain was keyed gains the columns; its rows stay as they are, the legacy start of the chain
    const columns = (database.prepare("PRAGMA table_info(audit_log)").all() as Array<{ name: string }>).map((column) => column.name);
    if (!columns.includes("key_id")) database.exec("ALTER TABLE audit_log ADD COLUMN key_id TEXT; ALTER TABLE audit_log ADD COLUMN mac TEXT;");
    const lastHash = database.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    const insert = database.prepare(`INSERT INTO audit_log (
        occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number,
        basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash, key_id, mac
      ) VALUES (@occurredAt, @userId, @userName, @roleId, @roleName, @orgCode, @action, @patientNhsNumber,
        @basisOfAccess, @reason, @upstreamRequestId, @outcome, @previousHash, @hash, @keyId, @mac)`);
    // IMMEDIATE takes the write lock before reading the chain's tail, so two writers cannot fork it.
    this.appendAll = database.transaction((entries: AuditEntry[]) =>
      entries.map((entry) => {
        const previousHash = (lastHash.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
        const signature = this.keys.sign(entry);
        const hash = auditEntryHash(entry, previousHash, signature);
        const { lastInsertRowid } = insert.run({ ...entry, previousHash, hash, ...signature });
        return { ...entry, id: Number(lastInsertRowid), previousHash, hash, ...signature };
      }),
    ).immediate as (entries: AuditEntry[]) => StoredAuditEntry[];
  }

  /**
   * Group commit: the rows recorded in one turn of the event loop go in one transaction, so under load the
   * synchronous (FULL) sync that makes them durable is paid once per batch rather than once per row, and the event
   * loop is blocked for it less often. Each caller still hears only after the commit that holds its row.
   */
  async record(entry: AuditEntry) {
    return new Promise<StoredAuditEntry>((resolve, reject) => {
      this.waiting.push({ entry: storableAuditEntry(entry), resolve, reject });
      if (this.waiting.length === 1) nextTurnOfEventLoop(() => this.commitWaiting());
    });
  }

  private commitWaiting() {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const stored = this.appendAll(batch.map(({ entry }) => entry));
      batch.forEach(({ resolve }, index) => resolve(stored[index]!));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  async list(filter: AuditFilter = {}) {
    const search = auditSearchSql(filter, { placeholder: () => "?", textOrder: "" });
    if (!search) return [];
    const rows = this.database.prepare(`SELECT * FROM audit_log ${search.where} ORDER BY id DESC LIMIT ${search.limit}`).all(...search.values) as AuditRow[];
    return rows.map(fromAuditRow);
  }

  async ping() {
    this.database.prepare("SELECT 1 FROM audit_log LIMIT 1").get();
  }

  async head(): Promise<ChainHead> {
    const last = this.database.prepare("SELECT id, hash, key_id FROM audit_log ORDER BY id DESC LIMIT 1").get() as
      | Pick<AuditRow, "id" | "hash" | "key_id">
      | undefined;
    return last ? { entries: Number(last.id), hash: last.hash, keyId: last.key_id } : { entries: 0, hash: GENESIS_HASH, keyId: null };
  }

  async verifyChain(anchors: readonly ChainAnchor[] = []): Promise<ChainVerification> {
    const walk = new ChainWalk(this.keys, anchors);
    for (const row of this.database.prepare("SELECT * FROM audit_log ORDER BY id ASC").iterate() as Iterable<AuditRow>) {
      if (!walk.next(fromAuditRow(row))) break;
    }
    return walk.result();
  }
}
