import "server-only";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { EMPTY_FEATURE_SLICES } from "./server-session";

/** Changes the signed-in user's server session as a unit; pages and actions never reach the store themselves. */
export function updateSession(sessionId: string, change: (session: ServerSession) => ServerSession): Promise<ServerSession | null> {
  return services().sessions.update(sessionId, change);
}

/** Ends a session on the server: its tokens and patient references are gone with it. */
export function endServerSession(sessionId: string): Promise<void> {
  return services().sessions.delete(sessionId);
}

/**
 * Starts working in a role: in one transaction on the stored session (never a snapshot written back over it),
 * with every feature's slice empty, so nothing opened in another role or organisation carries over.
 */
export function startWorkingAs(sessionId: string, personRoleId: string): Promise<ServerSession | null> {
  return services().sessions.update(sessionId, (current) => ({ ...current, ...EMPTY_FEATURE_SLICES, selectedRoleId: personRoleId, lastSeenAt: Date.now() }));
}
