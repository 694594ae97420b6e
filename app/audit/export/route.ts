import { canUse } from "@/lib/access/policy";
import { auditCsv, validateAuditFilter } from "@/lib/features/audit-review/filter-form";
import { actingRole, currentSession } from "@/lib/auth/session";
import { isCrossSite } from "@/lib/auth/session-api";
import { AUDIT_EXPORT_LIMIT, auditEntries } from "@/lib/features/audit-review/entries";
import { problemResponse } from "@/lib/http/problem";

const problem = (status: number, title: string) => problemResponse(status, title);

/** The filtered audit as CSV, for the Privacy Officer only; a same-origin POST, so no NHS number is in the URL. */
export async function POST(request: Request) {
  if (isCrossSite(request)) return problem(403, "Cross-site request refused");
  const session = await currentSession();
  if (!session) return problem(401, "Sign in to export the audit");
  const role = actingRole(session);
  if (!canUse("review-audit", role, session.assurance.authenticationLevel)) return problem(403, "Only Privacy Officers can export the audit");
  const validated = validateAuditFilter(session.auditFilter ?? {});
  if (validated.kind === "invalid") return problem(400, "The saved audit filter is not valid");
  const entries = await auditEntries({ ...validated.filter, limit: AUDIT_EXPORT_LIMIT });
  return new Response(auditCsv(entries as never), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="access-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
