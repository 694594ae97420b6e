import { redirect } from "next/navigation";
import { isUsableRole } from "@/lib/access/policy";
import { actingRole, requireSession } from "@/lib/auth/session";
import { services } from "@/lib/server/services";

/** Where CIS2 sign-in lands: one usable role goes straight in, several go to role selection. */
export default async function ContinuePage() {
  const session = await requireSession();
  if (actingRole(session)) redirect("/find-patient");
  const usable = session.roles.filter(isUsableRole);
  if (usable.length === 1) {
    await services().sessions.save({ ...session, selectedRoleId: usable[0].personRoleId, lastSeenAt: Date.now() });
    redirect("/find-patient");
  }
  redirect("/select-role");
}
