"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { postedForm, validateForm, type FieldError } from "@/lib/forms";
import { logger } from "@/lib/log";
import { services } from "@/lib/server/services";
import { cis2EndSessionEndpoint } from "./cis2-discovery";
import { clearAuthCookies } from "./cookies";
import { roleSelectionSchema } from "./role-selection";
import { currentSession, requireSession } from "./session";
import { paths } from "@/lib/routes";
import { startWorkingAs } from "@/lib/features/session/session-state";

/** Ends the session here (server record and cookies), then at CIS2 (RP-initiated logout). */
export async function signOutAction(): Promise<void> {
  const session = await currentSession();
  const cookieStore = await cookies();
  clearAuthCookies(cookieStore);
  if (!session) redirect(paths.signedOut());
  await services().sessions.delete(session.id);
  logger.info({ event: "signed-out", userId: session.user.uid }, "signed out");

  const endSession = await cis2EndSessionEndpoint();
  if (!endSession) redirect(`${paths.signedOut()}?cis2=unreachable`);
  const config = getConfig();
  const target = new URL(endSession);
  target.searchParams.set("client_id", config.CIS2_CLIENT_ID);
  if (session.idToken) target.searchParams.set("id_token_hint", session.idToken);
  target.searchParams.set("post_logout_redirect_uri", `${config.APP_BASE_URL}/signed-out`);
  redirect(target.toString());
}

export type RoleSelectionState = { errors: FieldError[] };

export async function selectRoleAction(_previous: RoleSelectionState, posted: unknown): Promise<RoleSelectionState> {
  const formData = postedForm(posted);
  const session = await requireSession();
  const chosen = validateForm(roleSelectionSchema(session.roles), { roleId: formData.get("roleId") });
  if (chosen.kind === "invalid") return { errors: chosen.errors };
  const role = chosen.value.roleId;
  // a new role starts a new working context: nothing opened or confirmed in the old one carries over
  await startWorkingAs(session.id, role.personRoleId);
  logger.info({ event: "role-selected", userId: session.user.uid, roleId: role.personRoleId, orgCode: role.orgCode }, "role selected");
  revalidatePath("/", "layout");
  redirect(paths.continue());
}
