import { z } from "zod";
import { isUsableRole } from "@/lib/access/policy";
import * as content from "@/lib/content/sign-in";
import { addFieldError } from "@/lib/forms";
import type { Cis2Role } from "./cis2-role";

/** The role radios' first item: the error summary links to it. */
export const ROLE_FIELD_ID = "role-1";

/** The role chosen, which must be one of the user's own roles that can use this service. */
export function roleSelectionSchema(roles: readonly Cis2Role[]) {
  return z.object({
    // read as posted, not as text: a file where the choice belongs is no choice
    roleId: z
      .unknown()
      .optional()
      .transform((roleId, ctx) => {
        if (typeof roleId !== "string" || roleId.length === 0) {
          addFieldError(ctx, ROLE_FIELD_ID, content.selectRole.errorNoChoice);
          return z.NEVER;
        }
        const role = roles.find((candidate) => candidate.personRoleId === roleId && isUsableRole(candidate));
        if (!role) {
          addFieldError(ctx, ROLE_FIELD_ID, content.selectRole.unknownRole);
          return z.NEVER;
        }
        return role;
      }),
  });
}
