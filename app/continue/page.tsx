import { redirect } from "next/navigation";
import { canUse, isUsableRole } from "@/lib/access/policy";
import { actingRole, requireSession } from "@/lib/auth/session";
import { startWorkingAs } from "@/lib/features/session/session-state";
import { paths } from "@/lib/routes";

/** Where CIS2 sign-in lands: one usable role goes straight in, several go to role selection. */
function landingFor(role: ReturnType<typeof actingRole>, assurance: number) {
  return !canUse("find-patient", role, assurance) && canUse("review-audit", role, assurance) ? paths.audit() : paths.findPatient();
}

export default async function ContinuePage() {
  const session = await requireSession();
  const current = actingRole(session);
  if (current) redirect(landingFor(current, session.assurance.authenticationLevel));
  const usable = session.roles.filter((role) => isUsableRole(role));
  if (usable.length === 1) {
    await startWorkingAs(session.id, usable[0].personRoleId);
    redirect(landingFor(usable[0], session.assurance.authenticationLevel));
  }
  redirect(paths.selectRole());
}
