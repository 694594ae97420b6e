import type pg from "pg";
import {
  type GpSummaryChange,
  type GpSummaryRecord,
  type GpSummaryRow,
  type GpSummaryState,
  type GpSummaryStore,
  changedColumns,
  recordFromRow,
  rowFromRecord,
} from "./gp-summary-store";
import { inTransaction } from "./postgres";
import type { Sealer } from "./sealing";

const UNSETTLED = ["unknown", "sent", "delivered"];

/** The same store in PostgreSQL (migrations/postgres), shared by every instance. */
export class PostgresGpSummaryStore implements GpSummaryStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly sealer: Sealer,
  ) {}

  private async one(client: pg.Pool | pg.PoolClient, sql: string, parameters: unknown[]) {
    const { rows } = await client.query<GpSummaryRow>(sql, parameters);
    return rows[0] ? recordFromRow(rows[0], this.sealer) : null;
  }

  async create(record: GpSummaryRecord) {
    const row = rowFromRecord(record, this.sealer);
    const columns = Object.keys(row);
    await this.pool.query(
      `INSERT INTO gp_summaries (${columns.join(", ")}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(", ")})`,
      Object.values(row),
    );
  }

  get(id: string) {
    return this.one(this.pool, "SELECT * FROM gp_summaries WHERE id = $1", [id]);
  }

  async listForPatient(nhsNumber: string) {
    const { rows } = await this.pool.query<GpSummaryRow>("SELECT * FROM gp_summaries WHERE nhs_number = $1 AND state <> 'draft' ORDER BY created_at DESC", [
      nhsNumber,
    ]);
    return rows.map((row) => recordFromRow(row, this.sealer));
  }

  findByMessageHeaderId(messageHeaderId: string) {
    return this.one(this.pool, "SELECT * FROM gp_summaries WHERE message_header_id = $1", [messageHeaderId]);
  }

  findByMeshMessageId(meshMessageId: string) {
    return this.one(this.pool, "SELECT * FROM gp_summaries WHERE mesh_message_id = $1", [meshMessageId]);
  }

  async unsettled(staleBefore: number) {
    const { rows } = await this.pool.query<GpSummaryRow>(
      "SELECT * FROM gp_summaries WHERE state = ANY($1::text[]) OR (state = 'sending' AND sending_since < $2)",
      [UNSETTLED, staleBefore],
    );
    return rows.map((row) => recordFromRow(row, this.sealer));
  }

  private transitionWith(client: pg.Pool | pg.PoolClient, id: string, from: readonly GpSummaryState[], change: GpSummaryChange, now: number) {
    const columns = changedColumns(id, change, now, this.sealer);
    const names = Object.keys(columns);
    const sets = names.map((column, index) => `${column} = $${index + 3}`);
    return this.one(client, `UPDATE gp_summaries SET ${sets.join(", ")} WHERE id = $1 AND state = ANY($2::text[]) RETURNING *`, [
      id,
      [...from],
      ...Object.values(columns),
    ]);
  }

  transition(id: string, from: readonly GpSummaryState[], change: GpSummaryChange, now = Date.now()) {
    return this.transitionWith(this.pool, id, from, change, now);
  }

  processInbound(inboxMessageId: string, apply: { id: string; from: readonly GpSummaryState[]; change: GpSummaryChange } | null, now = Date.now()) {
    return inTransaction(this.pool, async (client) => {
      const inserted = await client.query("INSERT INTO mesh_inbox_processed (message_id, processed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        inboxMessageId,
        now,
      ]);
      if (inserted.rowCount === 0) return "already" as const;
      if (apply) await this.transitionWith(client, apply.id, apply.from, apply.change, now);
      return "applied" as const;
    });
  }

  async wasProcessed(inboxMessageId: string) {
    const { rowCount } = await this.pool.query("SELECT 1 FROM mesh_inbox_processed WHERE message_id = $1", [inboxMessageId]);
    return (rowCount ?? 0) > 0;
  }

  async lease(name: string, holder: string, ttlMilliseconds: number, now = Date.now()) {
    const { rows } = await this.pool.query<{ holder: string }>(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET holder = $2, expires_at = $3
       WHERE leases.holder = $2 OR leases.expires_at <= $4 RETURNING holder`,
      [name, holder, now + ttlMilliseconds, now],
    );
    return rows[0]?.holder === holder;
  }
}
