import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import { authOptions } from "./options";

/** The signed-in user's server-side session, or null. A cookie whose session was ended finds nothing. */
export async function currentSession(): Promise<ServerSession | null> {
  let sid: string | undefined;
  try {
    sid = (await getServerSession(authOptions()))?.sid;
  } catch {
    return null; // a tampered or foreign cookie does not decrypt: treated as signed out
  }
  return sid ? services().sessions.get(sid) : null;
}

export function actingRole(session: ServerSession): Cis2Role | null {
  return session.roles.find((role) => role.personRoleId === session.selectedRoleId) ?? null;
}

export async function requireSession(): Promise<ServerSession> {
  const session = await currentSession();
  if (!session) redirect("/");
  return session;
}

export async function requireActingRole(): Promise<{ session: ServerSession; role: Cis2Role }> {
  const session = await requireSession();
  const role = actingRole(session);
  if (!role) redirect("/continue");
  return { session, role };
}
