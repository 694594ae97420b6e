import { canUse } from "@/lib/access/policy";
import { actingRole, currentSession } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { pickListQuerySchema, searchPickList } from "@/lib/features/vaccination/terminology";
import { problemResponse } from "@/lib/http/problem";

const text = content.vaccinationPages.termsRefused;

/**
 * The vaccination form's type-ahead: the products of one vaccine type, or the sites or routes, whose names match
 * what was typed, from the NHS Terminology Server through this server (the browser never holds its token). Reference
 * data only, nothing about a patient; still only for a role that may record vaccinations.
 */
export async function GET(request: Request) {
  const session = await currentSession();
  if (!session) return problemResponse(401, text.signIn);
  if (!canUse("record-vaccinations", actingRole(session), session.assurance.authenticationLevel)) return problemResponse(403, text.notPermitted);
  const query = pickListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problemResponse(400, text.badQuery);
  const result = await searchPickList(query.data);
  if (result.kind === "unavailable") return problemResponse(503, result.reason, { reference: result.reference });
  return Response.json({ options: result.options, total: result.total, stale: result.stale }, { headers: { "cache-control": "no-store" } });
}
