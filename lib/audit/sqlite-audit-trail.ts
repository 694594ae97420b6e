import type Database from "better-sqlite3";
import { GENESIS_HASH, type AuditEntry, type AuditFilter, type AuditTrail, type ChainVerification, type StoredAuditEntry } from "./audit-trail";
import { type AuditRow, auditEntryHash, ChainWalk, fromAuditRow, storableAuditEntry } from "./audit-row";

export class SqliteAuditTrail implements AuditTrail {
  private readonly append: (entry: AuditEntry) => StoredAuditEntry;

  constructor(private readonly database: Database.Database) {
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
        hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_log_patient ON audit_log (patient_nhs_number);
      CREATE INDEX IF NOT EXISTS audit_log_user ON audit_log (user_id);
      CREATE INDEX IF NOT EXISTS audit_log_org ON audit_log (org_code, id);
      CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `);
    const lastHash = database.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    const insert = database.prepare(`INSERT INTO audit_log (
        occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number,
        basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash
      ) VALUES (@occurredAt, @userId, @userName, @roleId, @roleName, @orgCode, @action, @patientNhsNumber,
        @basisOfAccess, @reason, @upstreamRequestId, @outcome, @previousHash, @hash)`);
    // IMMEDIATE takes the write lock before reading the chain's tail, so two writers cannot fork it.
    this.append = database.transaction((entry: AuditEntry) => {
      const previousHash = (lastHash.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
      const hash = auditEntryHash(entry, previousHash);
      const { lastInsertRowid } = insert.run({ ...entry, previousHash, hash });
      return { ...entry, id: Number(lastInsertRowid), previousHash, hash };
    }).immediate as (entry: AuditEntry) => StoredAuditEntry;
  }

  async record(entry: AuditEntry) {
    return this.append(storableAuditEntry(entry));
  }

  async list(filter: AuditFilter = {}) {
    const parameters: Record<string, string | number> = { limit: filter.limit ?? 500 };
    const clauses: string[] = [];
    const conditions: Array<["patientNhsNumber" | "userId" | "action" | "from" | "to", string]> = [
      ["patientNhsNumber", "patient_nhs_number = @patientNhsNumber"],
      ["userId", "user_id = @userId"],
      ["action", "action = @action"],
      ["from", "occurred_at >= @from"],
      ["to", "occurred_at <= @to"],
    ];
    for (const [key, clause] of conditions) {
      const value = filter[key];
      if (value === undefined || value === "") continue;
      clauses.push(clause);
      parameters[key] = value;
    }
    if (filter.orgCodes) {
      if (filter.orgCodes.length === 0) return [];
      clauses.push(`org_code IN (${filter.orgCodes.map((_, index) => `@org${index}`).join(", ")})`);
      filter.orgCodes.forEach((code, index) => {
        parameters[`org${index}`] = code;
      });
    }
    const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
    const rows = this.database.prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT @limit`).all(parameters) as AuditRow[];
    return rows.map(fromAuditRow);
  }

  async ping() {
    this.database.prepare("SELECT 1 FROM audit_log LIMIT 1").get();
  }

  async verifyChain(): Promise<ChainVerification> {
    const walk = new ChainWalk(GENESIS_HASH);
    for (const row of this.database.prepare("SELECT * FROM audit_log ORDER BY id ASC").iterate() as Iterable<AuditRow>) {
      if (!walk.next(fromAuditRow(row))) return { intact: false, brokenAtId: walk.brokenAtId! };
    }
    return { intact: true, entries: walk.entries };
  }
}
