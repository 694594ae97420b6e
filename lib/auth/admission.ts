import { isAllowedOrganisation, isUsableRole, MINIMUM_ASSURANCE_TO_SIGN_IN } from "@/lib/access/policy";
import type { LocalPolicy } from "@/lib/access/local-policy";
import type { Cis2Identity } from "./cis2-claims";

export type RefusalReason = "assurance-too-low" | "no-roles" | "organisation-not-allowed" | "no-usable-roles";

export const REFUSAL_REASONS: readonly RefusalReason[] = ["assurance-too-low", "no-roles", "organisation-not-allowed", "no-usable-roles"];

/** Whether a CIS2 sign-in may start a session here, and if not, why not. */
export function admit(identity: Cis2Identity, local?: LocalPolicy): { admitted: true } | { admitted: false; reason: RefusalReason } {
  if (identity.authenticationLevel < MINIMUM_ASSURANCE_TO_SIGN_IN) return { admitted: false, reason: "assurance-too-low" };
  if (identity.roles.length === 0) return { admitted: false, reason: "no-roles" };
  if (!identity.roles.some((role) => isAllowedOrganisation(role, local))) return { admitted: false, reason: "organisation-not-allowed" };
  if (!identity.roles.some((role) => isUsableRole(role, local))) return { admitted: false, reason: "no-usable-roles" };
  return { admitted: true };
}
