import { join } from "node:path";
import Database from "better-sqlite3";

export interface AuditRow {
  action: string;
  outcome: string;
  upstream_request_id: string | null;
}

/** This run's audit rows for a patient, oldest first, read straight from the app's store. */
export function auditActions(nhsNumber: string): AuditRow[] {
  const database = new Database(join(process.cwd(), ".data", "e2e", process.env.E2E_RUN_ID ?? "", "audit.db"), { readonly: true, fileMustExist: true });
  try {
    return database.prepare("SELECT action, outcome, upstream_request_id FROM audit_log WHERE patient_nhs_number = ? ORDER BY id").all(nhsNumber) as AuditRow[];
  } finally {
    database.close();
  }
}
