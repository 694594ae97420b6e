/** Who looked at which patient, in which role, why, and what came back. */
export type AuditAction =
  | "patient-search"
  | "patient-record-view"
  | "patient-related-people-view"
  | "patient-update"
  | "scr-access-basis"
  | "scr-view"
  | "scr-print"
  | "prescriptions-view"
  | "prescription-view"
  | "immunisations-view"
  | "documents-view"
  | "document-view"
  | "referral-view"
  | "referral-attachment-view"
  | "referral-worklist-view"
  | "bars-referral-send"
  | "bars-referral-status"
  | "bars-referral-view"
  /** Recording a vaccination given here, changing it, marking it entered in error (Immunisation FHIR API writes). */
  | "vaccination-record"
  | "vaccination-update"
  | "vaccination-delete"
  /** Asking the Immunisation API whether a record with the app's identifier is there (after an unknown outcome). */
  | "vaccination-status"
  | "vaccination-view"
  /** Reading the audit is itself audited: the filter, the organisations in scope and the rows it returned. */
  | "audit-view"
  | "audit-export";

/** "attempted" is written before a write goes out, so that a crash mid-write still leaves its trace. */
export type AuditOutcome = "data-returned" | "not-found" | "refused" | "upstream-failure" | "sent" | "outcome-unknown" | "attempted";

export interface AuditEntry {
  occurredAt: string;
  userId: string;
  userName: string;
  roleId: string;
  roleName: string;
  orgCode: string;
  action: AuditAction;
  patientNhsNumber: string | null;
  basisOfAccess: string | null;
  reason: string | null;
  upstreamRequestId: string | null;
  outcome: AuditOutcome;
}

export interface StoredAuditEntry extends AuditEntry {
  id: number;
  previousHash: string;
  hash: string;
}

export type ChainVerification = { intact: true; entries: number } | { intact: false; brokenAtId: number };

/**
 * The append-only audit trail. `record` resolves only once the entry is durable, and callers show
 * patient data only after it resolves: if the trail cannot be written, the data is not shown.
 */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<StoredAuditEntry>;
  list(filter?: AuditFilter): Promise<StoredAuditEntry[]>;
  verifyChain(): Promise<ChainVerification>;
  /** Throws if the trail cannot be reached: the readiness check. */
  ping(): Promise<void>;
}

export interface AuditFilter {
  patientNhsNumber?: string;
  userId?: string;
  action?: AuditAction;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
  /** Only rows written by staff at these organisations; an empty list selects nothing. */
  orgCodes?: readonly string[];
  limit?: number;
}

export const GENESIS_HASH = "0".repeat(64);

/** The canonical text an entry's hash is taken over: fixed field order, so any change to a row shows. */
export function canonicalAuditText(entry: AuditEntry, previousHash: string): string {
  return JSON.stringify([
    previousHash,
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
  ]);
}
