import "server-only";
import type { AuditFilter, StoredAuditEntry } from "@/lib/audit/audit-trail";
import { services } from "@/lib/server/services";

/** The audit rows a reviewer's filter selects, newest first, up to the filter's limit. */
export function auditEntries(filter: AuditFilter): Promise<StoredAuditEntry[]> {
  return services().audit.list(filter);
}

/** The most rows one export may carry. */
export const AUDIT_EXPORT_LIMIT = 100_000;
