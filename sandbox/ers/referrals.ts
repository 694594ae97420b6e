/**
 * e-Referral Service data. UBRNs 000000070000 to 000000070012 keep the NHS sandbox's scenarios
 * (unbooked, booked to a directly or indirectly bookable service, deferred, converted from advice and
 * guidance, related referral, additional requirements, attachments unavailable) but belong to the demo
 * patients, so that a patient's referrals agree with PDS. Synthetic.
 */

/** Some of e-RS's referral states (eRS-ReferralState-1). */
export type ReferralState = "NOT_BOOKED" | "BOOKED" | "DEFERRED_TO_PROVIDER" | "CANCELLED_REFERRAL";
export type Priority = "ROUTINE" | "URGENT" | "TWO_WEEK_WAIT";
export type ProviderWorklist = "REFERRALS_FOR_REVIEW" | "APPOINTMENT_SLOT_ISSUES" | "AWAITING_BOOKING";
export type ReferrerWorklist = "REJECTED_TRIAGE_RESPONSE" | "ASSESSMENT_RETURNED_CANCELLED_DNA" | "LETTERS_OUTSTANDING";
export type WorklistType = ProviderWorklist | ReferrerWorklist;

export const PROVIDER_WORKLISTS: ProviderWorklist[] = ["REFERRALS_FOR_REVIEW", "APPOINTMENT_SLOT_ISSUES", "AWAITING_BOOKING"];
export const REFERRER_WORKLISTS: ReferrerWorklist[] = ["REJECTED_TRIAGE_RESPONSE", "ASSESSMENT_RETURNED_CANCELLED_DNA", "LETTERS_OUTSTANDING"];

export const SPECIALTIES = {
  CARDIOLOGY: "Cardiology",
  DIABETIC_MEDICINE: "Diabetic Medicine",
  DERMATOLOGY: "Dermatology",
  OPHTHALMOLOGY: "Ophthalmology",
  ENT: "Ear, Nose and Throat",
  GASTROENTEROLOGY: "Gastroenterology",
  // a specialty that is one treatment, with its own NHS.UK page (lib/nhs/website-content/referral-pages.ts)
  PHYSIOTHERAPY: "Physiotherapy",
} as const;
export type Specialty = keyof typeof SPECIALTIES;

export interface ErsService {
  id: string;
  name: string;
  odsCode: string;
  specialty: Specialty;
  directlyBookable: boolean;
}

export const SERVICES: ErsService[] = [
  { id: "11002", name: "Cardiology Rapid Access Chest Pain Clinic", odsCode: "RX9", specialty: "CARDIOLOGY", directlyBookable: true },
  { id: "11012", name: "Cardiology Heart Failure Clinic", odsCode: "RX9", specialty: "CARDIOLOGY", directlyBookable: false },
  { id: "12001", name: "Diabetes and Endocrinology Clinic", odsCode: "RX9", specialty: "DIABETIC_MEDICINE", directlyBookable: true },
  { id: "13004", name: "General Dermatology", odsCode: "RX8", specialty: "DERMATOLOGY", directlyBookable: false },
  { id: "14002", name: "Diabetic Eye Screening Follow-up", odsCode: "RX9", specialty: "OPHTHALMOLOGY", directlyBookable: true },
  { id: "15003", name: "Paediatric ENT", odsCode: "RX8", specialty: "ENT", directlyBookable: false },
  { id: "16002", name: "Musculoskeletal Physiotherapy", odsCode: "RX9", specialty: "PHYSIOTHERAPY", directlyBookable: true },
];

export interface Attachment {
  id: string;
  title: string;
  contentType: string;
  size: number;
  availability: "AVAILABLE" | "PENDING" | "THREATS_FOUND" | "VALIDATION_FAILED";
}

export interface DemoReferral {
  ubrn: string;
  nhsNumber: string;
  state: ReferralState;
  priority: Priority;
  serviceId: string;
  referrer: { sdsUserId: string; name: string; odsCode: string };
  created: string;
  pathwayStart: string;
  clinicalInformation: string;
  appointment?: { start: string; end: string };
  relatedUbrn?: string;
  convertedFromAdviceUbrn?: string;
  /** Coded as e-RS codes them (eRS-AdditionalRequirementType-1). */
  additionalRequirements?: Array<{ code: string; display: string }>;
  attachments: Attachment[];
  worklists: WorklistType[];
  allocatedClinician?: { sdsUserId: string; name: string };
  /** e-RS's request context status (eRS-RequestContextStatus-1); REVIEWED: reviewed and unchanged since, when e-RS gives none. */
  reviewStatus: "NEVER_REVIEWED" | "LETTER_CHANGED" | "PRIORITY_CHANGED" | "PRIORITY_AND_LETTER_CHANGED" | "REVIEWED";
  version: number;
}

const DR_PATEL = { sdsUserId: "656005759201", name: "Dr Nikhil PATEL", odsCode: "A20047" };
const DR_OKONKWO = { sdsUserId: "656005759202", name: "Dr Ada OKONKWO", odsCode: "Y12345" };
const DR_MORRIS = { sdsUserId: "656005750112", name: "Dr Helen MORRIS" };

const letter = (id: string, title: string, availability: Attachment["availability"] = "AVAILABLE"): Attachment => ({
  id,
  title,
  contentType: "application/pdf",
  size: 48213,
  availability,
});

/** Each demo patient and the GP who refers them. */
const BILL = { nhsNumber: "9693632109", referrer: DR_PATEL };
const JANE = { nhsNumber: "9000000009", referrer: DR_OKONKWO };

type ReferralDetails = Omit<DemoReferral, "ubrn" | "nhsNumber" | "state" | "priority" | "serviceId" | "referrer" | "created" | "pathwayStart" | "version"> & {
  /** When the pathway started, if before the referral was created (a referral converted from advice and guidance). */
  pathwayStart?: string;
};

/** A referral by the patient's GP, at version 5; `details` in the order the referral lists them. */
function referral(
  ubrn: string,
  patient: typeof BILL,
  state: ReferralState,
  priority: Priority,
  serviceId: string,
  created: string,
  details: ReferralDetails,
): DemoReferral {
  const { pathwayStart = created, ...rest } = details;
  return { ubrn, nhsNumber: patient.nhsNumber, state, priority, serviceId, referrer: patient.referrer, created, pathwayStart, ...rest, version: 5 };
}

export const REFERRALS: DemoReferral[] = [
  referral("000000070000", BILL, "NOT_BOOKED", "ROUTINE", "12001", "2026-11-03T10:15:00.000Z", {
    clinicalInformation: "Type 2 diabetes with HbA1c 71 mmol/mol despite metformin; please review for intensification. Penicillin allergy.",
    attachments: [letter("80000", "Referral letter")],
    worklists: ["AWAITING_BOOKING"],
    reviewStatus: "NEVER_REVIEWED",
  }),
  referral("000000070001", BILL, "BOOKED", "URGENT", "11002", "2026-11-12T09:05:00.000Z", {
    clinicalInformation: "Exertional chest tightness for three weeks, relieved by rest. ECG: no acute changes. On atorvastatin and ramipril.",
    appointment: { start: "2026-11-26T10:30:00.000Z", end: "2026-11-26T10:45:00.000Z" },
    attachments: [letter("80010", "Referral letter"), letter("80011", "Resting ECG")],
    worklists: ["REFERRALS_FOR_REVIEW"],
    reviewStatus: "NEVER_REVIEWED",
  }),
  referral("000000070002", JANE, "BOOKED", "ROUTINE", "15003", "2026-10-21T14:40:00.000Z", {
    clinicalInformation: "Recurrent otitis media, four episodes in six months.",
    appointment: { start: "2026-12-09T14:00:00.000Z", end: "2026-12-09T14:20:00.000Z" },
    attachments: [letter("80020", "Referral letter")],
    worklists: ["REFERRALS_FOR_REVIEW"],
    allocatedClinician: DR_MORRIS,
    reviewStatus: "LETTER_CHANGED",
  }),
  referral("000000070003", BILL, "DEFERRED_TO_PROVIDER", "ROUTINE", "11012", "2026-10-02T11:20:00.000Z", {
    clinicalInformation: "Ankle swelling and breathlessness lying flat. NT-proBNP 620 ng/L.",
    attachments: [letter("80030", "Referral letter")],
    worklists: ["APPOINTMENT_SLOT_ISSUES", "REFERRALS_FOR_REVIEW"],
    reviewStatus: "REVIEWED",
  }),
  referral("000000070004", JANE, "NOT_BOOKED", "ROUTINE", "13004", "2026-09-30T09:00:00.000Z", {
    pathwayStart: "2026-09-16T09:00:00.000Z",
    clinicalInformation:
      "Converted from advice and guidance: eczema not controlled with emollients and topical steroids; dermatology advised a face-to-face review.",
    convertedFromAdviceUbrn: "000000070004",
    attachments: [letter("80040", "Advice and guidance conversation")],
    worklists: ["AWAITING_BOOKING"],
    reviewStatus: "NEVER_REVIEWED",
  }),
  referral("000000070005", BILL, "BOOKED", "ROUTINE", "14002", "2026-11-05T15:30:00.000Z", {
    clinicalInformation: "Background diabetic retinopathy, right eye, found at screening.",
    appointment: { start: "2026-12-02T09:15:00.000Z", end: "2026-12-02T09:45:00.000Z" },
    relatedUbrn: "000000070000",
    attachments: [letter("80050", "Retinal screening report")],
    worklists: [],
    reviewStatus: "REVIEWED",
  }),
  referral("000000070011", BILL, "NOT_BOOKED", "TWO_WEEK_WAIT", "11002", "2026-11-19T16:45:00.000Z", {
    clinicalInformation: "New chest pain at rest overnight; admitted and discharged, needs rapid review.",
    additionalRequirements: [
      { code: "TRANSPORT", display: "Transport" },
      { code: "INTERPRETER", display: "Interpreter" },
    ],
    attachments: [letter("80110", "Referral letter")],
    worklists: ["AWAITING_BOOKING", "REFERRALS_FOR_REVIEW"],
    reviewStatus: "NEVER_REVIEWED",
  }),
  referral("000000070012", JANE, "NOT_BOOKED", "ROUTINE", "13004", "2026-11-14T10:00:00.000Z", {
    clinicalInformation: "Changing pigmented lesion on the back; photographs attached.",
    attachments: [
      letter("80120", "Referral letter", "PENDING"),
      { ...letter("80121", "Photograph of lesion", "THREATS_FOUND"), contentType: "image/png" },
      letter("80122", "Dermoscopy report", "VALIDATION_FAILED"),
    ],
    worklists: ["REFERRALS_FOR_REVIEW"],
    reviewStatus: "NEVER_REVIEWED",
  }),
  // the stand-in's own (not the NHS sandbox's): a specialty with an NHS.UK page of its own, on no worklist
  referral("000000070013", BILL, "NOT_BOOKED", "ROUTINE", "16002", "2026-11-20T11:10:00.000Z", {
    clinicalInformation: "Right shoulder pain for eight weeks after a fall, reduced movement; no red flags.",
    attachments: [letter("80130", "Referral letter")],
    worklists: [],
    reviewStatus: "NEVER_REVIEWED",
  }),
];

export function findReferral(ubrn: string): DemoReferral | undefined {
  return REFERRALS.find((referral) => referral.ubrn === ubrn);
}

export function findService(id: string): ErsService | undefined {
  return SERVICES.find((service) => service.id === id);
}

export type BusinessFunction =
  | "REFERRING_CLINICIAN"
  | "REFERRING_CLINICIAN_ADMIN"
  | "REFERRING_ADMIN"
  | "SERVICE_PROVIDER_CLINICIAN"
  | "SERVICE_PROVIDER_CLINICIAN_ADMIN"
  | "SERVICE_PROVIDER_ADMIN"
  | "SERVICE_DEFINER";

/** The e-RS roles (A030) of each CIS2 role profile, keyed by person_roleid (NHSD-Session-URID). */
export const ERS_ROLES: Record<string, { sdsUserId: string; roles: Array<{ odsCode: string; functions: BusinessFunction[] }> }> = {
  "656014452101": { sdsUserId: "656005750104", roles: [{ odsCode: "Y12345", functions: ["REFERRING_CLINICIAN"] }] },
  "656005755105": { sdsUserId: "656005750109", roles: [{ odsCode: "Y12345", functions: ["REFERRING_ADMIN"] }] },
  "656005762108": {
    sdsUserId: "656005750112",
    roles: [{ odsCode: "RX9", functions: ["SERVICE_PROVIDER_CLINICIAN", "SERVICE_PROVIDER_ADMIN"] }],
  },
};

/** The NHS sandbox's own answer to A030, for anyone else. */
export const SANDBOX_DEFAULT_ROLES = {
  sdsUserId: "000000000101",
  roles: [
    { odsCode: "R69", functions: ["SERVICE_DEFINER", "SERVICE_PROVIDER_CLINICIAN", "SERVICE_PROVIDER_ADMIN"] as BusinessFunction[] },
    { odsCode: "R68", functions: ["REFERRING_CLINICIAN"] as BusinessFunction[] },
  ],
};
