import { canUse } from "@/lib/access/policy";
import { auditCsv, validateAuditFilter } from "@/lib/features/audit-review/filter-form";
import { actingRole, currentSession } from "@/lib/auth/session";
import { isCrossSite } from "@/lib/auth/session-api";
import { AUDIT_EXPORT_LIMIT, isNarrowed, reviewAudit } from "@/lib/features/audit-review/review";
import * as content from "@/lib/content";
import { problemResponse } from "@/lib/http/problem";

const problem = (status: number, title: string) => problemResponse(status, title);

/**
 * The filtered audit as CSV, for Privacy Officers and Caldicott Guardians, within their organisations; a same-origin
 * POST, so no NHS number is in the URL. It needs a filter, and the export is audited before a row is sent.
 */
export async function POST(request: Request) {
  if (isCrossSite(request)) return problem(403, "Cross-site request refused");
  const session = await currentSession();
  if (!session) return problem(401, "Sign in to export the audit");
  const role = actingRole(session);
  if (!canUse("review-audit", role, session.assurance.authenticationLevel)) return problem(403, content.audit.exportNotPermitted);
  const validated = validateAuditFilter(session.auditFilter ?? {});
  if (validated.kind === "invalid") return problem(400, "The saved audit filter is not valid");
  if (!isNarrowed(validated.filter)) return problem(400, content.audit.exportRefused);
  if (!role) return problem(403, content.audit.exportNotPermitted);
  const entries = await reviewAudit(session, role, { ...validated.filter, limit: AUDIT_EXPORT_LIMIT }, "export");
  return new Response(auditCsv(entries as never), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="access-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
