import { cookies } from "next/headers";
import { clearAuthCookies } from "@/lib/auth/cookies";
import { cis2EndSessionEndpoint } from "@/lib/auth/cis2-discovery";
import { peekSession, sessionIdFromCookie } from "@/lib/auth/session";
import { crossSite } from "@/lib/auth/session-api";
import { getConfig } from "@/lib/config";
import { endServerSession } from "@/lib/features/session/session-state";
import { logger } from "@/lib/log";
import { paths } from "@/lib/routes";

/**
 * Sign-out, as a plain form post: the browser loads the next page whole, so nothing of the signed-in pages is
 * kept in the client's memory for Back. The session ends here (server record and cookies), then at CIS2
 * (RP-initiated logout); if CIS2 cannot be reached, the signed-out page says so.
 */
export async function POST(request: Request) {
  const refused = crossSite(request);
  if (refused) return refused;
  const config = getConfig();
  const sessionId = await sessionIdFromCookie();
  const session = await peekSession();
  clearAuthCookies(await cookies());
  // a session past its idle limit is ended too: what it holds goes now, not when it would have expired
  if (sessionId) await endServerSession(sessionId);
  let location = `${config.APP_BASE_URL}${paths.signedOut()}`;
  if (session) {
    logger.info({ event: "signed-out", userId: session.user.uid }, "signed out");
    const endSession = await cis2EndSessionEndpoint();
    if (endSession) {
      const target = new URL(endSession);
      target.searchParams.set("client_id", config.CIS2_CLIENT_ID);
      if (session.idToken) target.searchParams.set("id_token_hint", session.idToken);
      target.searchParams.set("post_logout_redirect_uri", `${config.APP_BASE_URL}${paths.signedOut()}`);
      location = target.toString();
    } else {
      location = `${location}?cis2=unreachable`;
    }
  }
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
