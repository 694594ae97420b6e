"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { postedForm, validateForm, type FieldError } from "@/lib/forms";
import { logger } from "@/lib/log";
import { roleSelectionSchema } from "./role-selection";
import { requireSession } from "./session";
import { paths } from "@/lib/routes";
import { startWorkingAs } from "@/lib/features/session/session-state";

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
