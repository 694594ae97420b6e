import { join } from "node:path";
import { expect } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { ownServers } from "./servers";

export interface AuditRow {
  action: string;
  outcome: string;
  upstream_request_id: string | null;
  reason: string | null;
}

/** This worker's app's audit rows for a patient, oldest first, read straight from the app's store. */
export function auditActions(nhsNumber: string): AuditRow[] {
  const database = new Database(join(ownServers().dataDir, "audit.db"), { readonly: true, fileMustExist: true });
  try {
    return database
      .prepare("SELECT action, outcome, upstream_request_id, reason FROM audit_log WHERE patient_nhs_number = ? ORDER BY id")
      .all(nhsNumber) as AuditRow[];
  } finally {
    database.close();
  }
}

/** A patient's audit rows for one action, oldest first. */
export function auditRowsOf(nhsNumber: string, action: string): AuditRow[] {
  return auditActions(nhsNumber).filter((row) => row.action === action);
}

/** The outcomes of a patient's audit rows for one action, oldest first. */
export function auditOutcomes(nhsNumber: string, action: string): string[] {
  return auditRowsOf(nhsNumber, action).map((row) => row.outcome);
}

/** The latest audit row for this patient and action has this outcome. */
export function expectLastAudit(nhsNumber: string, action: string, outcome: string) {
  expect(auditRowsOf(nhsNumber, action).at(-1), `the last ${action} row for ${nhsNumber}`).toMatchObject({ outcome });
}

/** The cluster run's audit rows for a patient, oldest first, read straight from its PostgreSQL (DATABASE_URL, set by its setup). */
export async function auditActionsInDatabase(nhsNumber: string): Promise<AuditRow[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<AuditRow>(
      "SELECT action, outcome, upstream_request_id, reason FROM audit_log WHERE patient_nhs_number = $1 ORDER BY id",
      [nhsNumber],
    );
    return rows;
  } finally {
    await client.end();
  }
}
