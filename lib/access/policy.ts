import type { Cis2Role } from "@/lib/auth/cis2-role";
import { localPolicy, type LocalPolicy } from "./local-policy";

/**
 * The one place that says which CIS2 assurance level and which national RBAC activities each
 * feature needs. Pages use it to hide what a role cannot do; the server refuses it all the same.
 *
 * Assurance levels (CIS2 `authentication_assurance_level`):
 * - below 2: cannot use the service at all (a password alone does not protect patient data);
 * - 2 (authenticator app, security key): finding patients and seeing their demographics;
 * - 3 (smartcard or equivalent): clinical records (Summary Care Record, prescriptions and the rest).
 */
export const MINIMUM_ASSURANCE_TO_SIGN_IN = 2;

export const ACTIVITY = {
  /** Search for and view patient demographics (NCRS: basic, advanced and NHS number search). */
  patientSearch: "B0264",
  /** Amend patient demographics. */
  amendDemographics: "B0825",
  /** View patient medication. */
  viewMedication: "B0401",
  /** Perform pharmacy activities. */
  pharmacyActivities: "B0570",
  /** Manage pharmacy activities. */
  managePharmacyActivities: "B0572",
} as const;

/** National RBAC job roles (the R code at the end of a CIS2 role profile's role_code, e.g. S8000:G8000:R0001). */
export const JOB_ROLE = {
  /** Monitors that NHS care record systems are used correctly; receives privacy alerts (NHS NCRS role codes). */
  privacyOfficer: "R0001",
  caldicottGuardian: "R5105",
} as const;

/** A role profile's national job role code: the last part of its role_code. */
export function jobRoleOf(role: Cis2Role): string {
  return role.roleCode.split(":").at(-1) ?? role.roleCode;
}

interface FeatureRule {
  minimumAssurance: number;
  anyOfActivities: readonly string[];
  /** Job roles that carry the feature whatever their activities. */
  anyOfJobRoles?: readonly string[];
  /** An organisation may grant the feature to further role profiles in its settings (LocalPolicy). */
  grantedLocally?: boolean;
}

export const FEATURES = {
  "find-patient": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.patientSearch] },
  "view-demographics": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.patientSearch] },
  "amend-demographics": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.amendDemographics] },
  /**
   * National RBAC has no activity for one application's access audit: it is the Privacy Officer's and the
   * Caldicott Guardian's job, plus whoever the organisation names in AUDIT_REVIEWER_ROLE_IDS.
   */
  "review-audit": { minimumAssurance: 3, anyOfActivities: [], anyOfJobRoles: [JOB_ROLE.privacyOfficer, JOB_ROLE.caldicottGuardian], grantedLocally: true },
  "view-scr": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication, ACTIVITY.pharmacyActivities] },
  "view-prescriptions": {
    minimumAssurance: 3,
    anyOfActivities: [ACTIVITY.viewMedication, ACTIVITY.pharmacyActivities, ACTIVITY.managePharmacyActivities],
  },
  "view-immunisations": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication, ACTIVITY.pharmacyActivities] },
  /** e-RS decides what a user may do from their e-RS roles (A030); the app asks it, and needs only a usable CIS2 role. */
  "view-referrals": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.patientSearch] },
  "view-documents": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication] },
  /**
   * National RBAC has no activity for BaRS: a referral is a clinical act, so it needs a clinical
   * role (one that may see medication) at smartcard assurance.
   */
  "send-referrals": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication] },
  /**
   * Recording a vaccination given here (Immunisation FHIR API): a clinical act that writes to the national record.
   * National RBAC has no activity for it, so: a clinical role (View Patient Medication) or a pharmacy one (pharmacy
   * activities, as pharmacists give flu, COVID and RSV vaccines), at smartcard assurance.
   */
  "record-vaccinations": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication, ACTIVITY.pharmacyActivities] },
  /**
   * The GP practice's own record (GP Connect Access Record: Structured): direct care by a clinician, at smartcard
   * assurance. National RBAC has no GP Connect activity; View Patient Medication (B0401) is the clinical one. Pharmacy
   * activities alone do not carry it, and there is no restricted view for other roles in this version.
   */
  "view-gp-record": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication] },
  /**
   * A consultation summary to the patient's GP (GP Connect Send Document over MESH): MESH is not CIS2-gated, so the
   * service decides. The clinician who saw the patient writes it: a clinical or pharmacy role at smartcard assurance.
   */
  "send-gp-summary": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication, ACTIVITY.pharmacyActivities] },
  /**
   * Messages to a patient's NHS App (NHS App API; only with NHS_APP_MESSAGING=on). National RBAC has no activity
   * for it. Clinical roles (View Patient Medication) send the clinical templates; admin roles that keep patients'
   * details (Amend Patient Demographics) send the administrative ones, as they send letters. Either at smartcard
   * assurance: a message goes to the patient's phone under their NHS number, as a record write goes to their record.
   * Every template's wording is fixed and reviewed (hazard log H50, H52), so no role writes the words.
   */
  "message-patients": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.viewMedication, ACTIVITY.amendDemographics] },
} as const satisfies Record<string, FeatureRule>;

export type Feature = keyof typeof FEATURES;

function carries(rule: FeatureRule, role: Cis2Role, local: () => LocalPolicy): boolean {
  return (
    rule.anyOfActivities.some((activity) => role.activityCodes.includes(activity)) ||
    (rule.anyOfJobRoles?.includes(jobRoleOf(role)) ?? false) ||
    (rule.grantedLocally === true && local().auditReviewerRoleIds.includes(role.personRoleId))
  );
}

/** The local policy comes from settings unless a caller (a test) gives one; read only when a rule needs it. */
const policyOr = (given: LocalPolicy | undefined) => () => given ?? localPolicy();

export function canUse(feature: Feature, role: Cis2Role | null, assuranceLevel: number, local?: LocalPolicy): boolean {
  if (!role) return false;
  const rule: FeatureRule = FEATURES[feature];
  if (assuranceLevel < rule.minimumAssurance) return false;
  return carries(rule, role, policyOr(local));
}

/** Whether the organisation running this service lets people sign in from this role's organisation. */
export function isAllowedOrganisation(role: Cis2Role, local?: LocalPolicy): boolean {
  const allowed = policyOr(local)().allowedOrgCodes;
  return allowed === null || allowed.includes(role.orgCode);
}

/** A role is worth offering if it is at an allowed organisation and carries something the service does. */
export function isUsableRole(role: Cis2Role, local?: LocalPolicy): boolean {
  const policy = policyOr(local);
  return isAllowedOrganisation(role, local) && Object.values(FEATURES).some((rule: FeatureRule) => carries(rule, role, policy));
}
