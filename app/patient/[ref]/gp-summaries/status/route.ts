import { canUse } from "@/lib/access/policy";
import { actingRole, currentSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { listGpSummaries } from "@/lib/features/gp-summary/gp-summaries";
import { problemResponse } from "@/lib/http/problem";

/**
 * The patient's summaries as the list shows them, for the list to follow their state without a reload; never
 * cached. With the version the page holds (If-None-Match), an unchanged list is a 304 that carries nothing about
 * the patient and writes no audit row; a changed one is audited before it is returned.
 */
export async function GET(request: Request, { params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const session = await currentSession();
  const role = session && actingRole(session);
  if (!session || !role) return problemResponse(401, content.gpSummary.title);
  if (!canUse("send-gp-summary", role, session.assurance.authenticationLevel)) return problemResponse(403, content.gpSummary.notPermitted);
  const shown = /^"([A-Za-z0-9_-]{22})"$/.exec(request.headers.get("if-none-match") ?? "")?.[1] ?? null;
  const list = await listGpSummaries(session, role, ref, shown);
  if (!list) return problemResponse(404, content.gpSummary.title);
  const headers = { "cache-control": "no-store", etag: `"${list.version}"` };
  if ("kind" in list) return new Response(null, { status: 304, headers });
  return Response.json({ summaries: list.summaries }, { headers });
}
