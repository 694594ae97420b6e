import { getConfig } from "@/lib/config";

/** What the organisation running this service decides beyond national RBAC, from its settings. */
export interface LocalPolicy {
  /** ALLOWED_ORG_CODES: sign-in only from these organisations; null, from any. */
  allowedOrgCodes: readonly string[] | null;
  /** AUDIT_REVIEWER_ROLE_IDS: role profiles (person_roleid) that may review the access audit besides the national roles. */
  auditReviewerRoleIds: readonly string[];
  /** AUDIT_REVIEW_ORGANISATIONS: organisations a reviewer's role profile covers besides its own. */
  auditReviewOrganisations: Readonly<Record<string, readonly string[]>>;
}

/** National RBAC alone: what a test means when it does not care about local settings. */
export const NATIONAL_RBAC_ONLY: LocalPolicy = { allowedOrgCodes: null, auditReviewerRoleIds: [], auditReviewOrganisations: {} };

export function localPolicy(): LocalPolicy {
  const config = getConfig();
  return {
    allowedOrgCodes: config.ALLOWED_ORG_CODES,
    auditReviewerRoleIds: config.AUDIT_REVIEWER_ROLE_IDS,
    auditReviewOrganisations: config.AUDIT_REVIEW_ORGANISATIONS,
  };
}
