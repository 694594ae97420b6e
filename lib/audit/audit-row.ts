import { createHash } from "node:crypto";
import { canonicalAuditText, type AuditEntry, type StoredAuditEntry } from "./audit-trail";

/** An audit row as both stores keep it: the same columns in SQLite and PostgreSQL. */
export interface AuditRow {
  id: number | string;
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

export function fromAuditRow(row: AuditRow): StoredAuditEntry {
  return {
    // PostgreSQL returns BIGINT as text
    id: Number(row.id),
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

const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/**
 * The entry as both stores can keep it exactly: a lone surrogate (which neither store can hold, so its row would
 * never verify) and a NUL (which PostgreSQL refuses, so the write would fail and the data be withheld) become
 * U+FFFD. Hashed and stored the same, so the row verifies.
 */
export function storableAuditEntry(entry: AuditEntry): AuditEntry {
  const clean = <T extends string | null>(text: T): T => (text === null ? text : (text.replace(UNSTORABLE, "\uFFFD") as T));
  return {
    ...entry,
    userId: clean(entry.userId),
    userName: clean(entry.userName),
    roleId: clean(entry.roleId),
    roleName: clean(entry.roleName),
    orgCode: clean(entry.orgCode),
    patientNhsNumber: clean(entry.patientNhsNumber),
    basisOfAccess: clean(entry.basisOfAccess),
    reason: clean(entry.reason),
    upstreamRequestId: clean(entry.upstreamRequestId),
  };
}

/** The hash an entry is stored with: the same on both stores, so either verifies the same way. */
export function auditEntryHash(entry: AuditEntry, previousHash: string): string {
  return createHash("sha256").update(canonicalAuditText(entry, previousHash)).digest("hex");
}

/** Walks entries in id order from the genesis hash; stops at the first that does not hash to what is stored. */
export class ChainWalk {
  private previousHash: string;
  entries = 0;
  brokenAtId: number | null = null;

  constructor(genesisHash: string) {
    this.previousHash = genesisHash;
  }

  /** False once the chain is broken: stop walking. */
  next(entry: StoredAuditEntry): boolean {
    if (entry.previousHash !== this.previousHash || auditEntryHash(entry, this.previousHash) !== entry.hash) {
      this.brokenAtId = entry.id;
      return false;
    }
    this.previousHash = entry.hash;
    this.entries += 1;
    return true;
  }
}
