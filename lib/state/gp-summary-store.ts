import type Database from "better-sqlite3";
import type { Sealer } from "./sealing";

/**
 * A consultation summary sent to the patient's GP over MESH, as it moves:
 * draft (its ids fixed, not yet sent) → sending (claimed: one request sends it) → sent (MESH took it) →
 * delivered (the practice's infrastructure acknowledgement) → accepted (its business acknowledgement); or failed
 * (an error report, a rejection, MESH's refusal). unknown: the send's answer was lost, settled only by tracking
 * (sent, or not-received, from which the same message may be sent again).
 */
export type GpSummaryState = "draft" | "sending" | "unknown" | "not-received" | "sent" | "delivered" | "accepted" | "failed";

/** What the summary holds about the patient and the consultation: sealed at rest. */
export interface GpSummaryContent {
  consultation: { reason: string; findings: string; actions: string; advice: string; followUp: string };
  patientName: string;
  practice: { odsCode: string; name: string };
  mexTo: string;
  subject: string;
  /** The PDF and the ITK3 message exactly as sent, base64. */
  pdf: string;
  message: string;
}

export interface GpSummaryRecord {
  /** Also the message's Mex-LocalID: fixed when the clinician starts, never patient data. */
  id: string;
  nhsNumber: string;
  orgCode: string;
  author: { userId: string; name: string; roleId: string; roleName: string };
  state: GpSummaryState;
  messageHeaderId: string;
  meshMessageId: string | null;
  failureCode: string | null;
  failureDetail: string | null;
  /** The failed summary this one corrects, if any. */
  corrects: string | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  sendingSince: number | null;
  content: GpSummaryContent | null;
}

export interface GpSummaryChange {
  state: GpSummaryState;
  meshMessageId?: string | null;
  failureCode?: string | null;
  failureDetail?: string | null;
  sentAt?: number | null;
  sendingSince?: number | null;
  content?: GpSummaryContent | null;
}

/** The summaries and the MESH inbox's bookkeeping, shared by every instance (SQLite for one server, PostgreSQL for several). */
export interface GpSummaryStore {
  create(record: GpSummaryRecord): Promise<void>;
  get(id: string): Promise<GpSummaryRecord | null>;
  listForPatient(nhsNumber: string): Promise<GpSummaryRecord[]>;
  findByMessageHeaderId(messageHeaderId: string): Promise<GpSummaryRecord | null>;
  findByMeshMessageId(meshMessageId: string): Promise<GpSummaryRecord | null>;
  /** Summaries whose state MESH or the practice may still change: unknown, sent, delivered, and sending past `staleBefore`. */
  unsettled(staleBefore: number): Promise<GpSummaryRecord[]>;
  /** Changes the summary only if it is in one of `from`, in one statement: the claim that makes a send happen once. */
  transition(id: string, from: readonly GpSummaryState[], change: GpSummaryChange, now?: number): Promise<GpSummaryRecord | null>;
  /**
   * Records an inbox message as processed and applies what it says, in one transaction; "already" (and nothing
   * changes) when it was processed before, so a poller that stopped between processing and acknowledging does not
   * apply it twice.
   */
  processInbound(
    inboxMessageId: string,
    apply: { id: string; from: readonly GpSummaryState[]; change: GpSummaryChange } | null,
    now?: number,
  ): Promise<"applied" | "already">;
  /** Whether this inbox message was processed before (by any instance). */
  wasProcessed(inboxMessageId: string): Promise<boolean>;
  /** Takes or renews the named lease for `holder` until now + ttl; false while another holder's lease runs. */
  lease(name: string, holder: string, ttlMilliseconds: number, now?: number): Promise<boolean>;
}

export interface GpSummaryRow {
  id: string;
  nhs_number: string;
  org_code: string;
  author: string;
  state: string;
  message_header_id: string;
  mesh_message_id: string | null;
  failure_code: string | null;
  failure_detail: string | null;
  corrects: string | null;
  created_at: number | string;
  updated_at: number | string;
  sent_at: number | string | null;
  sending_since: number | string | null;
  content: string | null;
}

const additionalData = (id: string) => `gp-summary:${id}`;
const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));

export function recordFromRow(row: GpSummaryRow, sealer: Sealer): GpSummaryRecord {
  return {
    id: row.id,
    nhsNumber: row.nhs_number,
    orgCode: row.org_code,
    author: JSON.parse(row.author) as GpSummaryRecord["author"],
    state: row.state as GpSummaryState,
    messageHeaderId: row.message_header_id,
    meshMessageId: row.mesh_message_id,
    failureCode: row.failure_code,
    failureDetail: row.failure_detail,
    corrects: row.corrects,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    sentAt: numberOrNull(row.sent_at),
    sendingSince: numberOrNull(row.sending_since),
    content: row.content === null ? null : (JSON.parse(sealer.open(row.content, additionalData(row.id))) as GpSummaryContent),
  };
}

export function rowFromRecord(record: GpSummaryRecord, sealer: Sealer): GpSummaryRow {
  return {
    id: record.id,
    nhs_number: record.nhsNumber,
    org_code: record.orgCode,
    author: JSON.stringify(record.author),
    state: record.state,
    message_header_id: record.messageHeaderId,
    mesh_message_id: record.meshMessageId,
    failure_code: record.failureCode,
    failure_detail: record.failureDetail,
    corrects: record.corrects,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    sent_at: record.sentAt,
    sending_since: record.sendingSince,
    content: record.content === null ? null : sealer.seal(JSON.stringify(record.content), additionalData(record.id)),
  };
}

/** The columns a change sets, with values in the stores' shape (content sealed to the row). */
export function changedColumns(id: string, change: GpSummaryChange, now: number, sealer: Sealer): Record<string, unknown> {
  const columns: Record<string, unknown> = { state: change.state, updated_at: now };
  if (change.meshMessageId !== undefined) columns.mesh_message_id = change.meshMessageId;
  if (change.failureCode !== undefined) columns.failure_code = change.failureCode;
  if (change.failureDetail !== undefined) columns.failure_detail = change.failureDetail;
  if (change.sentAt !== undefined) columns.sent_at = change.sentAt;
  if (change.sendingSince !== undefined) columns.sending_since = change.sendingSince;
  if (change.content !== undefined) columns.content = change.content === null ? null : sealer.seal(JSON.stringify(change.content), additionalData(id));
  return columns;
}

const UNSETTLED = ["unknown", "sent", "delivered"];

export class SqliteGpSummaryStore implements GpSummaryStore {
  constructor(
    private readonly database: Database.Database,
    private readonly sealer: Sealer,
  ) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS gp_summaries (
        id TEXT PRIMARY KEY,
        nhs_number TEXT NOT NULL,
        org_code TEXT NOT NULL,
        author TEXT NOT NULL,
        state TEXT NOT NULL,
        message_header_id TEXT NOT NULL UNIQUE,
        mesh_message_id TEXT UNIQUE,
        failure_code TEXT,
        failure_detail TEXT,
        corrects TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        sending_since INTEGER,
        content TEXT
      );
      CREATE INDEX IF NOT EXISTS gp_summaries_by_patient ON gp_summaries (nhs_number, created_at);
      CREATE TABLE IF NOT EXISTS mesh_inbox_processed (message_id TEXT PRIMARY KEY, processed_at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
    `);
  }

  private one(sql: string, ...parameters: unknown[]): GpSummaryRecord | null {
    const row = this.database.prepare(sql).get(...parameters) as GpSummaryRow | undefined;
    return row ? recordFromRow(row, this.sealer) : null;
  }

  async create(record: GpSummaryRecord) {
    const row = rowFromRecord(record, this.sealer);
    const columns = Object.keys(row);
    this.database.prepare(`INSERT INTO gp_summaries (${columns.join(", ")}) VALUES (${columns.map((column) => `@${column}`).join(", ")})`).run(row);
  }

  async get(id: string) {
    return this.one("SELECT * FROM gp_summaries WHERE id = ?", id);
  }

  async listForPatient(nhsNumber: string) {
    const rows = this.database
      .prepare("SELECT * FROM gp_summaries WHERE nhs_number = ? AND state <> 'draft' ORDER BY created_at DESC")
      .all(nhsNumber) as GpSummaryRow[];
    return rows.map((row) => recordFromRow(row, this.sealer));
  }

  async findByMessageHeaderId(messageHeaderId: string) {
    return this.one("SELECT * FROM gp_summaries WHERE message_header_id = ?", messageHeaderId);
  }

  async findByMeshMessageId(meshMessageId: string) {
    return this.one("SELECT * FROM gp_summaries WHERE mesh_message_id = ?", meshMessageId);
  }

  async unsettled(staleBefore: number) {
    const rows = this.database
      .prepare(`SELECT * FROM gp_summaries WHERE state IN (${UNSETTLED.map(() => "?").join(", ")}) OR (state = 'sending' AND sending_since < ?)`)
      .all(...UNSETTLED, staleBefore) as GpSummaryRow[];
    return rows.map((row) => recordFromRow(row, this.sealer));
  }

  private transitionNow(id: string, from: readonly GpSummaryState[], change: GpSummaryChange, now: number): GpSummaryRecord | null {
    const columns = changedColumns(id, change, now, this.sealer);
    const sets = Object.keys(columns).map((column) => `${column} = @${column}`);
    const states = from.map((_, index) => `@from${index}`);
    const parameters = { ...columns, id, ...Object.fromEntries(from.map((state, index) => [`from${index}`, state])) };
    const row = this.database
      .prepare(`UPDATE gp_summaries SET ${sets.join(", ")} WHERE id = @id AND state IN (${states.join(", ")}) RETURNING *`)
      .get(parameters) as GpSummaryRow | undefined;
    return row ? recordFromRow(row, this.sealer) : null;
  }

  async transition(id: string, from: readonly GpSummaryState[], change: GpSummaryChange, now = Date.now()) {
    return this.transitionNow(id, from, change, now);
  }

  async processInbound(inboxMessageId: string, apply: { id: string; from: readonly GpSummaryState[]; change: GpSummaryChange } | null, now = Date.now()) {
    return this.database
      .transaction(() => {
        const inserted = this.database
          .prepare("INSERT INTO mesh_inbox_processed (message_id, processed_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
          .run(inboxMessageId, now);
        if (inserted.changes === 0) return "already" as const;
        if (apply) this.transitionNow(apply.id, apply.from, apply.change, now);
        return "applied" as const;
      })
      .immediate();
  }

  async wasProcessed(inboxMessageId: string) {
    return this.database.prepare("SELECT 1 FROM mesh_inbox_processed WHERE message_id = ?").get(inboxMessageId) !== undefined;
  }

  async lease(name: string, holder: string, ttlMilliseconds: number, now = Date.now()) {
    const row = this.database
      .prepare(
        `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires) ON CONFLICT (name) DO UPDATE SET holder = @holder, expires_at = @expires
         WHERE leases.holder = @holder OR leases.expires_at <= @now RETURNING holder`,
      )
      .get({ name, holder, expires: now + ttlMilliseconds, now }) as { holder: string } | undefined;
    return row?.holder === holder;
  }
}
