import { canUse } from "@/lib/access/policy";
import { actingRole, currentSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { gpSummaryPdf } from "@/lib/features/gp-summary/gp-summaries";
import { problemResponse } from "@/lib/http/problem";

/** The summary's PDF, the very bytes in the message; never cached, audited before it goes. */
export async function GET(_request: Request, { params }: { params: Promise<{ ref: string; summaryRef: string }> }) {
  const { ref, summaryRef } = await params;
  const session = await currentSession();
  const role = session && actingRole(session);
  if (!session || !role) return problemResponse(401, content.gpSummary.title);
  if (!canUse("send-gp-summary", role, session.assurance.authenticationLevel)) return problemResponse(403, content.gpSummary.notPermitted);
  const pdf = await gpSummaryPdf(session, role, ref, summaryRef);
  if (!pdf) return problemResponse(404, content.gpSummary.title);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-type": "application/pdf",
      "content-disposition": 'inline; filename="consultation-summary.pdf"',
    },
  });
}
