import "server-only";
import { localPolicy, type LocalPolicy } from "@/lib/access/local-policy";
import type { AuditFilter, StoredAuditEntry } from "@/lib/audit/audit-trail";
import { recordPatientAccess } from "@/lib/audit/record-access";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

/** The organisations whose staff's access a reviewer may see: their own, and any their organisation's settings add. */
export function reviewScopeOf(role: Cis2Role, local: LocalPolicy = localPolicy()): readonly string[] {
  return [...new Set([role.orgCode, ...(local.auditReviewOrganisations[role.personRoleId] ?? [])])];
}

/** A filter that selects less than everything: an export needs one, so that no one takes the whole trail by default. */
export function isNarrowed(filter: AuditFilter): boolean {
  return Boolean(filter.patientNhsNumber || filter.userId || filter.action || filter.from || filter.to);
}

/** What the reviewer asked for, for their own audit row. The NHS number, if any, has its own column. */
function describeReview(filter: AuditFilter, organisations: readonly string[], rows: number): string {
  const filters = [
    filter.userId ? `user ${filter.userId}` : null,
    filter.action ? `action ${filter.action}` : null,
    filter.from ? `from ${filter.from}` : null,
    filter.to ? `to ${filter.to}` : null,
  ].filter(Boolean);
  return `Organisations ${organisations.join(", ")}. Filters: ${filters.length ? filters.join(", ") : filter.patientNhsNumber ? "patient" : "none"}. ${rows} ${rows === 1 ? "row" : "rows"}.`;
}

/**
 * The audit rows a reviewer's filter selects within their scope, newest first, up to the filter's limit. Reading
 * the audit is itself audited: the row (reviewer, filter, scope, count) is durable before any entry is returned.
 */
export async function reviewAudit(
  session: ServerSession,
  role: Cis2Role,
  filter: AuditFilter,
  purpose: "view" | "export",
  local?: LocalPolicy,
): Promise<StoredAuditEntry[]> {
  const organisations = reviewScopeOf(role, local);
  const entries = await services().audit.list({ ...filter, orgCodes: organisations });
  await recordPatientAccess(session, role, {
    action: purpose === "view" ? "audit-view" : "audit-export",
    patientNhsNumber: filter.patientNhsNumber ?? null,
    upstreamRequestId: null,
    outcome: entries.length ? "data-returned" : "not-found",
    reason: describeReview(filter, organisations, entries.length),
  });
  return entries;
}

/** The most rows one export may carry. */
export const AUDIT_EXPORT_LIMIT = 100_000;
