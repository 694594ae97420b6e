import "server-only";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

/** Changes the signed-in user's server session as a unit; pages and actions never reach the store themselves. */
export function updateSession(sessionId: string, change: (session: ServerSession) => ServerSession): Promise<ServerSession | null> {
  return services().sessions.update(sessionId, change);
}

/** Ends a session on the server: its tokens and patient references are gone with it. */
export function endServerSession(sessionId: string): Promise<void> {
  return services().sessions.delete(sessionId);
}

/** Acts in the user's only usable role, chosen for them at sign-in. */
export function selectRole(session: ServerSession, personRoleId: string): Promise<void> {
  return services().sessions.save({ ...session, selectedRoleId: personRoleId, lastSeenAt: Date.now() });
}
