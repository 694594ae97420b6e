import { lookUpSession } from "@/lib/auth/session";
import { crossSite, sessionStatus, signedOutProblem } from "@/lib/auth/session-api";

/** "Stay signed in": counts as activity. */
export async function POST(request: Request) {
  const refused = crossSite(request);
  if (refused) return refused;
  const lookup = await lookUpSession();
  return lookup.kind === "active" ? sessionStatus(lookup.session) : signedOutProblem();
}
