import { canUse } from "@/lib/access/policy";
import { actingRole, currentSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { listGpSummaries } from "@/lib/features/gp-summary/gp-summaries";
import { problemResponse } from "@/lib/http/problem";

/** The patient's summaries as the list shows them, for the list to follow their state without a reload; never cached, audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const session = await currentSession();
  const role = session && actingRole(session);
  if (!session || !role) return problemResponse(401, content.gpSummary.title);
  if (!canUse("send-gp-summary", role, session.assurance.authenticationLevel)) return problemResponse(403, content.gpSummary.notPermitted);
  const summaries = await listGpSummaries(session, role, ref);
  if (!summaries) return problemResponse(404, content.gpSummary.title);
  return Response.json({ summaries }, { headers: { "cache-control": "no-store" } });
}
