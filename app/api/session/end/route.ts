import { cookies } from "next/headers";
import { peekSession } from "@/lib/auth/session";
import { crossSite } from "@/lib/auth/session-api";
import { logger } from "@/lib/log";
import { clearAuthCookies } from "@/lib/auth/cookies";
import { endServerSession } from "@/lib/features/session/session-state";

/** Ends the session when the timeout warning ran out in the browser: the same as the server's own idle check, sooner. */
export async function POST(request: Request) {
  const refused = crossSite(request);
  if (refused) return refused;
  const session = await peekSession();
  if (session) {
    await endServerSession(session.id);
    logger.info({ event: "session-ended-after-warning", userId: session.user.uid }, "signed out after the inactivity warning");
  }
  const cookieStore = await cookies();
  clearAuthCookies(cookieStore);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
