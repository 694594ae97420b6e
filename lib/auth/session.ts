import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { isIdleExpired } from "./idle";
import { readSessionCookie, sessionCookieName } from "./session-cookie";
import { paths } from "@/lib/routes";

/**
 * The server session's id from next-auth's session cookie, decrypted as next-auth does. Read directly
 * rather than through getServerSession, which refuses the whole request over any other next-auth cookie
 * it dislikes (a stray callback URL), so a signed-in user would look signed out and could not sign out.
 * A tampered or foreign cookie does not decrypt: treated as signed out.
 */
export async function sessionIdFromCookie(): Promise<string | null> {
  const config = getConfig();
  const value = (await cookies()).get(sessionCookieName(config.APP_BASE_URL))?.value;
  if (!value) return null;
  return (await readSessionCookie(value, config.sessionSecret))?.sid ?? null;
}

export type SessionLookup = { kind: "active"; session: ServerSession } | { kind: "idle-expired" } | { kind: "none" };

/**
 * How stale the recorded activity may be before a request writes it again. Writing it on every request was a
 * durable write (and a seal) per page; this way a session may end at most this much before its idle limit.
 */
export const ACTIVITY_RECORDED_EVERY_MS = 10_000;

/**
 * The signed-in user's server-side session, once per request. A cookie whose session was ended finds
 * nothing; a session idle for longer than SESSION_IDLE_MINUTES is ended here, on the server.
 * Each page or action that finds an active session counts as activity.
 */
export const lookUpSession = cache(async (): Promise<SessionLookup> => {
  const sid = await sessionIdFromCookie();
  if (!sid) return { kind: "none" };
  const session = await services().sessions.get(sid);
  if (!session) return { kind: "none" };
  if (isIdleExpired(session.lastSeenAt, getConfig().SESSION_IDLE_MINUTES)) {
    await services().sessions.delete(session.id);
    logger.info({ event: "session-idle-expired", userId: session.user.uid }, "signed out after inactivity");
    return { kind: "idle-expired" };
  }
  if (Date.now() - session.lastSeenAt < ACTIVITY_RECORDED_EVERY_MS) return { kind: "active", session };
  const touched = await services().sessions.update(session.id, (current) => ({ ...current, lastSeenAt: Date.now() }));
  return touched ? { kind: "active", session: touched } : { kind: "none" };
});

export async function currentSession(): Promise<ServerSession | null> {
  const lookup = await lookUpSession();
  return lookup.kind === "active" ? lookup.session : null;
}

export function actingRole(session: ServerSession): Cis2Role | null {
  return session.roles.find((role) => role.personRoleId === session.selectedRoleId) ?? null;
}

export async function requireSession(): Promise<ServerSession> {
  const lookup = await lookUpSession();
  if (lookup.kind === "idle-expired") redirect(`${paths.signedOut()}?reason=inactive`);
  if (lookup.kind === "none") redirect("/");
  return lookup.session;
}

export async function requireActingRole(): Promise<{ session: ServerSession; role: Cis2Role }> {
  const session = await requireSession();
  const role = actingRole(session);
  if (!role) redirect(paths.continue());
  return { session, role };
}

/** The session without counting the look-up as activity: for the timeout warning's status checks. */
export async function peekSession(): Promise<ServerSession | null> {
  const sid = await sessionIdFromCookie();
  if (!sid) return null;
  const session = await services().sessions.get(sid);
  if (!session || isIdleExpired(session.lastSeenAt, getConfig().SESSION_IDLE_MINUTES)) return null;
  return session;
}
