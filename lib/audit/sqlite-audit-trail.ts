import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import {
  canonicalAuditText,
  GENESIS_HASH,
  type AuditEntry,
  type AuditFilter,
  type AuditTrail,
  type ChainVerification,
  type StoredAuditEntry,
} from "./audit-trail";

interface AuditRow {
  id: number;
  occurred_at: string;
  user_id: string;
  user_name: string;
  role_id: string;
  role_name: string;
  org_code: string;
  action: AuditEntry["action"];
  patient_nhs_number: string | null;
  basis_of_access: string | null;
  reason: string | null;
  upstream_request_id: string | null;
  outcome: AuditEntry["outcome"];
  previous_hash: string;
  hash: string;
}

function fromRow(row: AuditRow): StoredAuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    userId: row.user_id,
    userName: row.user_name,
    roleId: row.role_id,
    roleName: row.role_name,
    orgCode: row.org_code,
    action: row.action,
    patientNhsNumber: row.patient_nhs_number,
    basisOfAccess: row.basis_of_access,
    reason: row.reason,
    upstreamRequestId: row.upstream_request_id,
    outcome: row.outcome,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

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
      const hash = sha256(canonicalAuditText(entry, previousHash));
      const { lastInsertRowid } = insert.run({ ...entry, previousHash, hash });
      return { ...entry, id: Number(lastInsertRowid), previousHash, hash };
    }).immediate as (entry: AuditEntry) => StoredAuditEntry;
  }

  async record(entry: AuditEntry) {
    return this.append(entry);
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
    return rows.map(fromRow);
  }

  async ping() {
    this.database.prepare("SELECT 1 FROM audit_log LIMIT 1").get();
  }

  async verifyChain(): Promise<ChainVerification> {
    let previousHash = GENESIS_HASH;
    let entries = 0;
    for (const row of this.database.prepare("SELECT * FROM audit_log ORDER BY id ASC").iterate() as Iterable<AuditRow>) {
      const entry = fromRow(row);
      if (entry.previousHash !== previousHash || sha256(canonicalAuditText(entry, previousHash)) !== entry.hash) {
        return { intact: false, brokenAtId: entry.id };
      }
      previousHash = entry.hash;
      entries += 1;
    }
    return { intact: true, entries };
  }
}
