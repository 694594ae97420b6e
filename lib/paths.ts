/**
 * Typed path builders for every link and redirect, apart from the route manifest (lib/routes.ts) so that a client
 * component carries only the builders it calls: each is its own export, and `import * as paths` lets the bundler
 * drop the rest. lib/routes.test.ts checks each builds a route the manifest holds.
 */

export type RecordSection = "overview" | "details" | "scr" | "gp-record" | "prescriptions" | "referrals" | "immunisations" | "documents" | "gp-summaries";

const SECTION_PATHS: Record<RecordSection, string> = {
  overview: "",
  details: "/details",
  scr: "/summary-care-record",
  "gp-record": "/gp-record",
  prescriptions: "/prescriptions",
  referrals: "/referrals",
  immunisations: "/immunisations",
  documents: "/documents",
  "gp-summaries": "/gp-summaries",
};

/** The record's parts in the order its navigation shows them. */
export const RECORD_SECTIONS = Object.keys(SECTION_PATHS) as RecordSection[];

export const record = (ref: string) => `/patient/${ref}`;

export const home = () => "/";
const continueAfterSignIn = () => "/continue";
export { continueAfterSignIn as continue };
export const selectRole = () => "/select-role";
export const signedOut = () => "/signed-out";
export const signOut = () => "/api/session/sign-out";
export const tooManyRequests = () => "/too-many-requests";
export const findPatient = () => "/find-patient";
export const findByDetails = () => "/find-patient/details";
export const findAdvanced = () => "/find-patient/advanced";
export const findByPrescription = () => "/find-patient/prescription";
export const findByUbrn = () => "/find-patient/ubrn";
export const searchResults = () => "/find-patient/results";
export const worklists = () => "/worklists";
export const worklistItem = (itemRef: string) => `/worklists/open/${itemRef}`;
export const audit = () => "/audit";
export const auditExport = () => "/audit/export";
export const recordSection = (ref: string, section: RecordSection) => `${record(ref)}${SECTION_PATHS[section]}`;
export const contactDetails = (ref: string) => `${record(ref)}/details/contact`;
export const scrPrint = (ref: string) => `${record(ref)}/summary-care-record/print`;
export const prescription = (ref: string, rxRef: string) => `${record(ref)}/prescriptions/${rxRef}`;
export const document = (ref: string, docRef: string) => `${record(ref)}/documents/${docRef}`;
export const documentContent = (ref: string, docRef: string) => `${record(ref)}/documents/${docRef}/content`;
export const referral = (ref: string, referralRef: string) => `${record(ref)}/referrals/${referralRef}`;
export const referralAttachment = (ref: string, referralRef: string, attachmentId: string) =>
  `${record(ref)}/referrals/${referralRef}/attachments/${encodeURIComponent(attachmentId)}`;
export const refer = (ref: string) => `${record(ref)}/referrals/refer`;
export const referralAction = (ref: string, actionRef: string) => `${record(ref)}/referrals/refer/${actionRef}`;
export const gpConsultations = (ref: string) => `${record(ref)}/gp-record/consultations`;
export const recordVaccination = (ref: string) => `${record(ref)}/immunisations/record`;
export const vaccinationAction = (ref: string, actionRef: string) => `${record(ref)}/immunisations/record/${actionRef}`;
export const vaccinationAnswers = (ref: string, actionRef: string) => `${record(ref)}/immunisations/record/${actionRef}/answers`;
/** The vaccination form's type-ahead, asked with a list, a vaccine type and what was typed (reference data only). */
export const vaccinationTerms = () => "/vaccination-terms";
export const vaccinationChange = (ref: string, changeRef: string) => `${record(ref)}/immunisations/change/${changeRef}`;
export const gpSummary = (ref: string, summaryRef: string) => `${record(ref)}/gp-summaries/${summaryRef}`;
export const gpSummaryPreview = (ref: string, summaryRef: string) => `${record(ref)}/gp-summaries/${summaryRef}/preview`;
export const gpSummaryPdf = (ref: string, summaryRef: string) => `${record(ref)}/gp-summaries/${summaryRef}/pdf`;
export const gpSummaryStatus = (ref: string) => `${record(ref)}/gp-summaries/status`;
/** NHS.UK pages: reference content, named by NHS.UK's own page name, never by anything about a patient. */
export const nhsWebsitePage = (kind: "medicines" | "conditions" | "vaccinations" | "hospitals", slug: string) => `/information/${kind}/${slug}`;
export const patientMessages = (ref: string) => `${record(ref)}/messages`;
export const patientMessage = (ref: string, actionRef: string) => `${record(ref)}/messages/${actionRef}`;
export const nhsWebsiteConditions = () => "/information/conditions";
