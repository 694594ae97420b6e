import type { Cis2Role } from "@/lib/auth/cis2-role";

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
  /**
   * Review this service's access audit (the Privacy Officer's job). National RBAC has no activity for
   * one application's audit, so this is the code the service looks for: an organisation's Registration
   * Authority grants it to its Privacy Officers.
   */
  reviewAccessAudit: "B1612",
} as const;

export const FEATURES = {
  "find-patient": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.patientSearch] },
  "view-demographics": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.patientSearch] },
  "amend-demographics": { minimumAssurance: 2, anyOfActivities: [ACTIVITY.amendDemographics] },
  "review-audit": { minimumAssurance: 3, anyOfActivities: [ACTIVITY.reviewAccessAudit] },
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
} as const satisfies Record<string, { minimumAssurance: number; anyOfActivities: readonly string[] }>;

export type Feature = keyof typeof FEATURES;

export function canUse(feature: Feature, role: Cis2Role | null, assuranceLevel: number): boolean {
  if (!role) return false;
  const rule = FEATURES[feature];
  if (assuranceLevel < rule.minimumAssurance) return false;
  return rule.anyOfActivities.some((activity) => role.activityCodes.includes(activity));
}

/** A role is worth offering if it carries any activity some feature of the service needs. */
export function isUsableRole(role: Cis2Role): boolean {
  return Object.values(FEATURES).some((rule) => rule.anyOfActivities.some((activity) => role.activityCodes.includes(activity)));
}
