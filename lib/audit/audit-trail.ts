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
  /** The GP record through GP Connect: every attempt, the consultations asked for on request, and a Patient that differs from PDS. */
  | "gp-record-view"
  | "gp-record-consultations-view"
  | "gp-record-mismatch"
  /** A consultation summary to the patient's GP (GP Connect Send Document over MESH): previewed, sent, its state changed, checked with MESH tracking, listed. */
  | "gp-summary-preview"
  | "gp-summary-send"
  | "gp-summary-status"
  | "gp-summary-check"
  | "gp-summary-view"
  /** A message to the patient's NHS App: the send (before and after), looking for it in the receipts report, the list. */
  | "nhs-app-message-send"
  | "nhs-app-message-status"
  | "nhs-app-messages-view"
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
  /** The audit chain key that signed the entry; null on legacy rows, written before the chain was keyed. */
  keyId: string | null;
  /** HMAC-SHA256 of the entry under that key (hex); null on legacy rows. */
  mac: string | null;
}

/** Where the chain ends: what an anchor records, in the application log, to be checked against later. */
export interface ChainHead {
  entries: number;
  hash: string;
  /** The key that signed the last entry; null for an empty trail or a legacy last row. */
  keyId: string | null;
}

/** A head recorded earlier (an anchor): the chain must still hold `entries` entries, the last of them hashing to `hash`. */
export interface ChainAnchor {
  entries: number;
  hash: string;
}

export type ChainProblem =
  /** An entry's hash no longer matches its content: changed after it was written. */
  | "altered"
  /** An entry does not follow on from the one before: one is missing (deleted) or out of order. */
  | "unlinked"
  /** The entry hashes and links consistently, but its MAC does not verify under the key it names: written or recomputed without the key. */
  | "not-signed"
  /** Signed with a key id this verifier does not hold. */
  | "unknown-key"
  /** An unkeyed (legacy) entry after keyed ones: legacy rows can only be the start of the trail. */
  | "unkeyed"
  /** Fewer entries than an anchor recorded: the tail was cut off. */
  | "truncated"
  /** The entry an anchor recorded no longer hashes to the anchored value: the chain was rewritten after the anchor. */
  | "anchor-mismatch";

export type ChainVerification =
  | {
      intact: true;
      entries: number;
      /** How many entries, from the first, were written before the chain was keyed (hash-chained only). */
      legacyEntries: number;
      head: ChainHead;
    }
  | { intact: false; brokenAtId: number; problem: ChainProblem; detail: string };

/**
 * The append-only audit trail. `record` resolves only once the entry is durable, and callers show
 * patient data only after it resolves: if the trail cannot be written, the data is not shown.
 */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<StoredAuditEntry>;
  list(filter?: AuditFilter): Promise<StoredAuditEntry[]>;
  /** Walks the whole chain, checking each entry's hash, link and MAC, and that it still holds what each anchor recorded. */
  verifyChain(anchors?: readonly ChainAnchor[]): Promise<ChainVerification>;
  /** The chain's head, for an anchor: cheap (one row). */
  head(): Promise<ChainHead>;
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

/**
 * An audit search as SQL, written once for both stores: the WHERE and its values in order, the limit last; null when
 * it can match nothing (an empty list of organisations). `placeholder` numbers a value as the database does; ISO
 * timestamps are compared as text (bytewise, `textOrder`, so in time order whatever the database's locale).
 */
export function auditSearchSql(
  filter: AuditFilter,
  dialect: { placeholder: (position: number) => string; textOrder: string },
): { where: string; limit: string; values: Array<string | number> } | null {
  if (filter.orgCodes?.length === 0) return null;
  const values: Array<string | number> = [];
  const next = (value: string | number) => dialect.placeholder(values.push(value));
  const clauses: string[] = [];
  const conditions: Array<["patientNhsNumber" | "userId" | "action" | "from" | "to", string]> = [
    ["patientNhsNumber", "patient_nhs_number ="],
    ["userId", "user_id ="],
    ["action", "action ="],
    ["from", `occurred_at${dialect.textOrder} >=`],
    ["to", `occurred_at${dialect.textOrder} <=`],
  ];
  for (const [key, comparison] of conditions) {
    const value = filter[key];
    if (value !== undefined && value !== "") clauses.push(`${comparison} ${next(value)}`);
  }
  if (filter.orgCodes) clauses.push(`org_code IN (${filter.orgCodes.map(next).join(", ")})`);
  const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
  return { where, limit: next(filter.limit ?? 500), values };
}

export const GENESIS_HASH = "0".repeat(64);

/**
 * The canonical text an entry's hash is taken over: fixed field order, so any change to a row shows. A keyed entry
 * adds its key id and MAC at the end; a legacy entry (no key) hashes as before the chain was keyed.
 */
export function canonicalAuditText(entry: AuditEntry, previousHash: string, signature?: { keyId: string; mac: string }): string {
  return JSON.stringify([previousHash, ...entryFields(entry), ...(signature ? [signature.keyId, signature.mac] : [])]);
}

/** The text an entry's MAC is taken over: its fields and the key id, without the chain (the database links it). */
export function macText(entry: AuditEntry, keyId: string): string {
  return JSON.stringify(["audit-entry-v2", keyId, ...entryFields(entry)]);
}

/** An entry's fields in their one fixed order: the hash's, the MAC's, and the audit_log columns' (PostgreSQL's insert). */
export function entryFields(entry: AuditEntry) {
  return [
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
  ];
}
