import { join } from "node:path";
import Database from "better-sqlite3";
import { ownServers } from "./servers";

export interface AuditRow {
  action: string;
  outcome: string;
  upstream_request_id: string | null;
}

/** This worker's app's audit rows for a patient, oldest first, read straight from the app's store. */
export function auditActions(nhsNumber: string): AuditRow[] {
  const database = new Database(join(ownServers().dataDir, "audit.db"), { readonly: true, fileMustExist: true });
  try {
    return database.prepare("SELECT action, outcome, upstream_request_id FROM audit_log WHERE patient_nhs_number = ? ORDER BY id").all(nhsNumber) as AuditRow[];
  } finally {
    database.close();
  }
}
