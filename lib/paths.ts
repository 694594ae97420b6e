/**
 * Typed path builders for every link and redirect, apart from the route manifest (lib/routes.ts) so that a client
 * component carries only these few functions, not the manifest. lib/routes.test.ts checks each builds a route
 * the manifest holds.
 */

export type RecordSection = "overview" | "details" | "scr" | "prescriptions" | "referrals" | "immunisations" | "documents";

const SECTION_PATHS: Record<RecordSection, string> = {
  overview: "",
  details: "/details",
  scr: "/summary-care-record",
  prescriptions: "/prescriptions",
  referrals: "/referrals",
  immunisations: "/immunisations",
  documents: "/documents",
};

/** The record's parts in the order its navigation shows them. */
export const RECORD_SECTIONS = Object.keys(SECTION_PATHS) as RecordSection[];

const record = (ref: string) => `/patient/${ref}`;

export const paths = {
  home: () => "/",
  continue: () => "/continue",
  selectRole: () => "/select-role",
  signedOut: () => "/signed-out",
  findPatient: () => "/find-patient",
  findByDetails: () => "/find-patient/details",
  findAdvanced: () => "/find-patient/advanced",
  findByPrescription: () => "/find-patient/prescription",
  findByUbrn: () => "/find-patient/ubrn",
  searchResults: () => "/find-patient/results",
  worklists: () => "/worklists",
  worklistItem: (itemRef: string) => `/worklists/open/${itemRef}`,
  audit: () => "/audit",
  auditExport: () => "/audit/export",
  record,
  recordSection: (ref: string, section: RecordSection) => `${record(ref)}${SECTION_PATHS[section]}`,
  contactDetails: (ref: string) => `${record(ref)}/details/contact`,
  scrPrint: (ref: string) => `${record(ref)}/summary-care-record/print`,
  prescription: (ref: string, rxRef: string) => `${record(ref)}/prescriptions/${rxRef}`,
  document: (ref: string, docRef: string) => `${record(ref)}/documents/${docRef}`,
  documentContent: (ref: string, docRef: string) => `${record(ref)}/documents/${docRef}/content`,
  referral: (ref: string, referralRef: string) => `${record(ref)}/referrals/${referralRef}`,
  referralAttachment: (ref: string, referralRef: string, attachmentId: string) =>
    `${record(ref)}/referrals/${referralRef}/attachments/${encodeURIComponent(attachmentId)}`,
  refer: (ref: string) => `${record(ref)}/referrals/refer`,
  referralAction: (ref: string, actionRef: string) => `${record(ref)}/referrals/refer/${actionRef}`,
} as const;
