import type pg from "pg";
import { inTransaction } from "@/lib/state/postgres";
import { GENESIS_HASH, type AuditEntry, type AuditFilter, type AuditTrail, type ChainVerification, type StoredAuditEntry } from "./audit-trail";
import { type AuditRow, auditEntryHash, ChainWalk, fromAuditRow } from "./audit-row";

const VERIFY_BATCH_ROWS = 5_000;

/**
 * The audit trail shared by every instance: one chain, serialised in the database. Each writer locks the chain's
 * head row for its transaction, so appends from any instance queue there, each hashing onto the one before.
 * `record` resolves after the commit is flushed, whatever the server's synchronous_commit default.
 */
export class PostgresAuditTrail implements AuditTrail {
  constructor(private readonly pool: pg.Pool) {}

  async record(entry: AuditEntry): Promise<StoredAuditEntry> {
    return inTransaction(
      this.pool,
      async (client) => {
        const { rows } = await client.query<{ last_id: string; last_hash: string }>("SELECT last_id, last_hash FROM audit_chain_head FOR UPDATE");
        const head = rows[0];
        if (!head) throw new Error("the audit chain has no head row: the database was not migrated");
        const id = Number(head.last_id) + 1;
        const previousHash = head.last_hash;
        const hash = auditEntryHash(entry, previousHash);
        await client.query(
          `WITH appended AS (
            INSERT INTO audit_log (id, occurred_at, user_id, user_name, role_id, role_name, org_code, action, patient_nhs_number,
              basis_of_access, reason, upstream_request_id, outcome, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            RETURNING id, hash
          )
          UPDATE audit_chain_head SET last_id = appended.id, last_hash = appended.hash FROM appended`,
          [
            id,
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
            previousHash,
            hash,
          ],
        );
        return { ...entry, id, previousHash, hash };
      },
      "BEGIN; SET LOCAL synchronous_commit = on",
    );
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
