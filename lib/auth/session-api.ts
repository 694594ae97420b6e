import "server-only";
import { getConfig } from "@/lib/config";
import type { ServerSession } from "@/lib/state/session-store";
import { idleSecondsRemaining, WARNING_SECONDS } from "./idle";
import { problemResponse } from "@/lib/http/problem";

const NO_STORE = { "cache-control": "no-store" };

export function sessionStatus(session: ServerSession) {
  const idleMinutes = getConfig().SESSION_IDLE_MINUTES;
  return Response.json(
    {
      signedIn: true,
      idleSecondsRemaining: idleSecondsRemaining(session.lastSeenAt, idleMinutes),
      idleTimeoutSeconds: idleMinutes * 60,
      warningSeconds: WARNING_SECONDS,
    },
    { headers: NO_STORE },
  );
}

export function signedOutProblem() {
  return problemResponse(401, "Not signed in");
}

/**
 * Whether a state-changing request came from another site: its Origin is not ours, or is "null" without
 * the browser vouching (Sec-Fetch-Site) that it is same-origin.
 */
export function isCrossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return request.headers.get("sec-fetch-site") !== "same-origin";
  return origin !== new URL(getConfig().APP_BASE_URL).origin;
}

/** A state-changing request must come from this site's own pages. */
export function crossSite(request: Request): Response | null {
  if (isCrossSite(request)) {
    return problemResponse(403, "Cross-site request refused");
  }
  return null;
}
