import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import {
  canonicalAuditText,
  GENESIS_HASH,
  macText,
  type AuditEntry,
  type ChainAnchor,
  type ChainProblem,
  type ChainVerification,
  type StoredAuditEntry,
} from "./audit-trail";

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
  key_id: string | null;
  mac: string | null;
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
    keyId: row.key_id,
    mac: row.mac,
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

/** A key for the audit chain's MACs, with the id stored on each row it signs. */
export interface AuditChainKey {
  kid: string;
  key: Buffer;
}

/** The key used when AUDIT_CHAIN_KEYS is not set (local and sandbox only): derived from the session secret. */
export function derivedAuditChainKey(sessionSecret: string): AuditChainKey {
  return { kid: "derived", key: Buffer.from(hkdfSync("sha256", sessionSecret, "", "care-record-viewer audit chain", 32)) };
}

/**
 * The audit chain's keys: the first signs new entries, every one verifies (rotation: put the new key first and keep
 * the old ones for as long as their rows are kept, which for an audit trail is for good).
 */
export class AuditChainKeyring {
  private readonly byKid: Map<string, Buffer>;
  readonly signingKid: string;

  constructor(keys: readonly [AuditChainKey, ...AuditChainKey[]]) {
    this.byKid = new Map(keys.map(({ kid, key }) => [kid, key]));
    this.signingKid = keys[0].kid;
  }

  /** The key id and MAC a new entry is stored with. */
  sign(entry: AuditEntry): { keyId: string; mac: string } {
    return { keyId: this.signingKid, mac: this.mac(entry, this.signingKid)! };
  }

  /** The entry's MAC under the named key; null if that key is not held. */
  mac(entry: AuditEntry, keyId: string): string | null {
    const key = this.byKid.get(keyId);
    return key ? createHmac("sha256", key).update(macText(entry, keyId)).digest("hex") : null;
  }
}

/** The hash an entry is stored with: the same on both stores, so either verifies the same way. */
export function auditEntryHash(entry: AuditEntry, previousHash: string, signature?: { keyId: string; mac: string }): string {
  return createHash("sha256")
    .update(canonicalAuditText(entry, previousHash, signature))
    .digest("hex");
}

function sameHex(a: string, b: string) {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Walks entries in id order from the genesis hash, stopping at the first that fails: ids follow on from 1 without
 * gaps, each entry links to the one before, hashes to what is stored and, unless it is one of the legacy entries
 * at the start (written before the chain was keyed), carries a MAC that verifies under the key it names. The hashes
 * at the anchors' positions are kept, to be compared once the walk ends.
 */
export class ChainWalk {
  private previousHash = GENESIS_HASH;
  private lastKeyId: string | null = null;
  private readonly anchorHashes = new Map<number, string>();
  entries = 0;
  legacyEntries = 0;
  broken: { brokenAtId: number; problem: ChainProblem; detail: string } | null = null;

  constructor(
    private readonly keys: AuditChainKeyring,
    private readonly anchors: readonly ChainAnchor[] = [],
  ) {
    for (const anchor of anchors) this.anchorHashes.set(anchor.entries, "");
  }

  private fail(entry: StoredAuditEntry, problem: ChainProblem, detail: string) {
    this.broken = { brokenAtId: entry.id, problem, detail };
    return false;
  }

  /** False once the chain is broken: stop walking. */
  next(entry: StoredAuditEntry): boolean {
    const expectedId = this.entries + 1;
    if (entry.id !== expectedId || entry.previousHash !== this.previousHash) {
      return this.fail(
        entry,
        "unlinked",
        entry.id > expectedId
          ? `entries ${expectedId} to ${entry.id - 1} are missing (deleted)`
          : "it does not follow on from the entry before it (an entry before it was deleted, replaced or reordered)",
      );
    }
    const signature = entry.keyId === null || entry.mac === null ? undefined : { keyId: entry.keyId, mac: entry.mac };
    if (!signature && this.entries > this.legacyEntries) {
      return this.fail(entry, "unkeyed", "it has no MAC, yet entries before it were keyed: it was written without the audit key");
    }
    if (auditEntryHash(entry, this.previousHash, signature) !== entry.hash) {
      return this.fail(entry, "altered", "its content no longer matches its hash: it was changed after it was written");
    }
    if (signature) {
      const expected = this.keys.mac(entry, signature.keyId);
      if (expected === null) return this.fail(entry, "unknown-key", `it was signed with key "${signature.keyId}", which is not among the keys given`);
      if (!sameHex(expected, signature.mac)) {
        return this.fail(
          entry,
          "not-signed",
          `its hash and link are consistent but its MAC does not verify under key "${signature.keyId}": the chain was recomputed by someone without the audit key`,
        );
      }
    } else {
      this.legacyEntries += 1;
    }
    this.previousHash = entry.hash;
    this.lastKeyId = signature?.keyId ?? null;
    this.entries += 1;
    if (this.anchorHashes.has(this.entries)) this.anchorHashes.set(this.entries, entry.hash);
    return true;
  }

  /** After the last entry: the verdict, with each anchor compared with what the walk found at its position. */
  result(): ChainVerification {
    if (this.broken) return { intact: false, ...this.broken };
    for (const anchor of [...this.anchors].sort((a, b) => a.entries - b.entries)) {
      if (anchor.entries > this.entries) {
        return {
          intact: false,
          brokenAtId: this.entries + 1,
          problem: "truncated",
          detail: `an anchor recorded ${anchor.entries} entries but the trail holds ${this.entries}: entries ${this.entries + 1} to ${anchor.entries} were removed`,
        };
      }
      if (anchor.entries > 0 && this.anchorHashes.get(anchor.entries) !== anchor.hash) {
        return {
          intact: false,
          brokenAtId: anchor.entries,
          problem: "anchor-mismatch",
          detail: `an anchor recorded entry ${anchor.entries} with hash ${anchor.hash}, but it now hashes to ${this.anchorHashes.get(anchor.entries)}: the chain up to it was rewritten after the anchor`,
        };
      }
    }
    return {
      intact: true,
      entries: this.entries,
      legacyEntries: this.legacyEntries,
      head: { entries: this.entries, hash: this.previousHash, keyId: this.lastKeyId },
    };
  }
}
