/**
 * The stand-in practices' GP records, for GP Connect Access Record: Structured: the reference provider's test
 * patients (9690937286 with most of everything, 9690937294 with no problems, 9690938622 whose practice holds older
 * details than PDS) and the demo patients, whose records agree with their Summary Care Record, prescriptions and
 * vaccinations (sandbox/world/clinical.ts). Written for this project; synthetic.
 */
import { clinicalRecordFor, type DemoClinicalRecord } from "../world/clinical";
import { findOrganisation } from "../world/organisations";

export type WarningCode = "confidential-items" | "data-in-transit" | "data-awaiting-filing";

/** GP Connect's fixed wording for each warning, as a provider puts it in the section List's note. */
export const WARNING_TEXT: Record<WarningCode, string> = {
  "confidential-items": "Items excluded due to confidentiality and/or patient preferences.",
  "data-in-transit": "Patient record transfer from previous GP practice not yet complete; information recorded before 14-Mar-2024 may be missing.",
  "data-awaiting-filing": "Patient data may be incomplete as there is data supplied by a third party awaiting review before becoming available.",
};

export interface Clinician {
  key: string;
  prefix: string;
  given: string;
  family: string;
  sdsUserId: string;
  jobRole: { code: string; display: string };
}

interface Coded {
  name: string;
  /** SNOMED CT; empty where the demo's other records name the item only by text. */
  code: string;
  /** The practice recorded the code alone (no text, no display): the app shows the Terminology Server's term. */
  codeOnly?: boolean;
}

export interface MedicationFacts extends Coded {
  dosage: string;
  quantity: string;
  type: "acute" | "repeat";
  status: "active" | "completed" | "stopped";
  start: string;
  end?: string;
  /** The date of each issue, oldest first. */
  issues: string[];
  by: string;
}

export interface AllergyFacts extends Coded {
  reaction: string;
  severity: "mild" | "moderate" | "severe";
  asserted: string;
  ended?: { date: string; reason: string };
  by: string;
}

export interface ProblemFacts extends Coded {
  onset: string;
  ended?: string;
  significance: "major" | "minor";
  by: string;
}

export interface ConsultationFacts {
  date: string;
  type: string;
  by: string;
  /** Under each heading, what was recorded: an observation's term and, where there is one, its value. */
  headings: Array<{ heading: string; items: Array<{ name: string; code: string; value?: string }> }>;
}

export interface GpRecordFacts {
  nhsNumber: string;
  practiceOds: string;
  /** What the practice holds about who the patient is; differs from PDS only where the test needs it. */
  demographics?: { family: string; given: string[]; birthDate: string; gender: "male" | "female" };
  clinicians: Clinician[];
  medications: MedicationFacts[];
  allergies: AllergyFacts[];
  problems: ProblemFacts[];
  immunisations: Array<Coded & { date: string; by: string }>;
  consultations: ConsultationFacts[];
  investigations: Array<{ name: string; code: string; date: string; by: string; results: Array<{ name: string; code: string; value: number; unit: string }> }>;
  referrals: Array<{ date: string; specialty: string; reason: string; priority: "routine" | "urgent"; by: string }>;
  warnings: Partial<Record<"medications" | "allergies" | "problems" | "consultations", WarningCode[]>>;
}

/** How a provider answers for patients it will not share (GP Connect's 403 and 404). */
export const WITHHELD: Record<string, "sensitive" | "deceased" | "no-consent"> = {
  "9690938533": "sensitive",
  "9690938681": "deceased",
  "9690938576": "no-consent",
};

const GP = { code: "R0260", display: "General Medical Practitioner" };
const NURSE = { code: "R0690", display: "Practice Nurse" };

const HART: Clinician = { key: "hart", prefix: "Dr", given: "Amelia", family: "HART", sdsUserId: "900000000301", jobRole: GP };
const BRAY: Clinician = { key: "bray", prefix: "Mr", given: "Tom", family: "BRAY", sdsUserId: "900000000302", jobRole: NURSE };
const OKONKWO: Clinician = { key: "okonkwo", prefix: "Dr", given: "Ada", family: "OKONKWO", sdsUserId: "900000000311", jobRole: GP };
const ADEYEMI: Clinician = { key: "adeyemi", prefix: "Nurse", given: "Kemi", family: "ADEYEMI", sdsUserId: "900000000312", jobRole: NURSE };
const PATEL: Clinician = { key: "patel", prefix: "Dr", given: "Nikhil", family: "PATEL", sdsUserId: "900000000321", jobRole: GP };
const HOLT: Clinician = { key: "holt", prefix: "Nurse", given: "Joanne", family: "HOLT", sdsUserId: "900000000322", jobRole: NURSE };

const observation = (name: string, code: string, value?: string) => ({ name, code, ...(value ? { value } : {}) });

const HORACE_SKELLY: GpRecordFacts = {
  nhsNumber: "9690937286",
  practiceOds: "B82617",
  clinicians: [HART, BRAY],
  medications: [
    {
      name: "Bisoprolol 2.5mg tablets",
      code: "318264008",
      dosage: "One tablet to be taken each morning",
      quantity: "28 tablet",
      type: "repeat",
      status: "active",
      start: "2023-04-02",
      issues: ["2026-08-03", "2026-08-31", "2026-09-28", "2026-10-26", "2026-11-23"],
      by: "hart",
    },
    {
      name: "Apixaban 5mg tablets",
      code: "703907002",
      dosage: "One tablet to be taken twice a day",
      quantity: "56 tablet",
      type: "repeat",
      status: "active",
      start: "2023-04-02",
      issues: ["2026-09-28", "2026-10-26", "2026-11-23"],
      by: "hart",
    },
    {
      name: "Furosemide 40mg tablets",
      code: "317972000",
      dosage: "One tablet to be taken each morning",
      quantity: "28 tablet",
      type: "repeat",
      status: "stopped",
      start: "2021-06-14",
      end: "2025-02-10",
      issues: ["2024-12-16", "2025-01-13"],
      by: "hart",
    },
    {
      name: "Amoxicillin 500mg capsules",
      code: "323510009",
      dosage: "One capsule to be taken three times a day for 5 days",
      quantity: "15 capsule",
      type: "acute",
      status: "completed",
      start: "2026-10-05",
      end: "2026-10-10",
      issues: ["2026-10-05"],
      by: "hart",
    },
  ],
  allergies: [
    { name: "Penicillin V", code: "373270004", reaction: "Urticaria", severity: "moderate", asserted: "2009-03-11", by: "hart" },
    {
      name: "Aspirin",
      code: "387458008",
      reaction: "Dyspepsia",
      severity: "mild",
      asserted: "2015-07-20",
      ended: { date: "2023-04-02", reason: "Tolerated low-dose aspirin under supervision" },
      by: "hart",
    },
  ],
  problems: [
    { name: "Atrial fibrillation", code: "49436004", onset: "2023-03-28", significance: "major", by: "hart" },
    { name: "Essential hypertension", code: "59621000", onset: "2011-09-05", significance: "major", by: "hart" },
    { name: "Osteoarthritis of knee", code: "239873007", onset: "2016-02-12", significance: "minor", by: "hart" },
    { name: "Community acquired pneumonia", code: "385093006", onset: "2024-01-08", ended: "2024-02-20", significance: "major", by: "hart" },
  ],
  immunisations: [
    { name: "Influenza vaccination", code: "86198006", date: "2026-10-09", by: "bray" },
    {
      name: "Pneumovax 23 vaccine solution for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)",
      code: "3439211000001108",
      codeOnly: true,
      date: "2019-11-14",
      by: "bray",
    },
  ],
  consultations: [
    {
      date: "2026-11-20",
      type: "Surgery consultation",
      by: "hart",
      headings: [
        { heading: "History", items: [observation("Breathlessness on exertion", "60845006", "Two weeks, climbing stairs")] },
        {
          heading: "Examination",
          items: [observation("Pulse rate", "78564009", "88 /min irregular"), observation("Blood pressure", "75367002", "142/86 mmHg")],
        },
        { heading: "Plan", items: [observation("Referral to cardiology service", "183519002")] },
      ],
    },
    {
      date: "2026-10-05",
      type: "Telephone consultation",
      by: "hart",
      headings: [
        { heading: "History", items: [observation("Productive cough", "28743005", "Five days, green sputum")] },
        { heading: "Plan", items: [observation("Amoxicillin prescribed", "323510009")] },
      ],
    },
    {
      date: "2026-10-09",
      type: "Clinic",
      by: "bray",
      headings: [{ heading: "Procedure", items: [observation("Seasonal influenza vaccination", "86198006")] }],
    },
    {
      date: "2026-06-17",
      type: "Surgery consultation",
      by: "hart",
      headings: [
        { heading: "Review", items: [observation("Hypertension annual review", "185665008"), observation("Blood pressure", "75367002", "134/80 mmHg")] },
      ],
    },
    {
      date: "2025-02-10",
      type: "Surgery consultation",
      by: "hart",
      headings: [{ heading: "Plan", items: [observation("Furosemide stopped: ankle swelling resolved", "317972000")] }],
    },
  ],
  investigations: [
    {
      name: "Renal function tests",
      code: "26958001",
      date: "2026-11-12",
      by: "hart",
      results: [
        { name: "Serum sodium", code: "104934005", value: 139, unit: "mmol/L" },
        { name: "Serum potassium", code: "59573005", value: 4.6, unit: "mmol/L" },
        { name: "Estimated glomerular filtration rate", code: "80274001", value: 58, unit: "mL/min/1.73m2" },
      ],
    },
  ],
  referrals: [{ date: "2026-11-20", specialty: "Cardiology", reason: "Atrial fibrillation with breathlessness", priority: "urgent", by: "hart" }],
  warnings: { medications: ["confidential-items"], consultations: ["data-awaiting-filing"], problems: ["data-in-transit"] },
};

const SAMUEL_HESLBY: GpRecordFacts = {
  nhsNumber: "9690937294",
  practiceOds: "B82617",
  clinicians: [HART],
  medications: [
    {
      name: "Omeprazole 20mg gastro-resistant capsules",
      code: "317335005",
      dosage: "One capsule to be taken each day",
      quantity: "28 capsule",
      type: "repeat",
      status: "active",
      start: "2025-05-01",
      issues: ["2026-10-01", "2026-11-01"],
      by: "hart",
    },
  ],
  allergies: [],
  problems: [],
  immunisations: [],
  consultations: [
    {
      date: "2025-05-01",
      type: "Surgery consultation",
      by: "hart",
      headings: [{ heading: "History", items: [observation("Heartburn", "16331000", "Worse at night")] }],
    },
  ],
  investigations: [],
  referrals: [],
  warnings: {},
};

/** The practice holds her earlier surname and a different date of birth: the page must show the mismatch. */
const ALEXI_HORN: GpRecordFacts = {
  nhsNumber: "9690938622",
  practiceOds: "B82617",
  demographics: { family: "FENWICK", given: ["Alexi"], birthDate: "1978-11-29", gender: "female" },
  clinicians: [HART],
  medications: [],
  allergies: [],
  problems: [{ name: "Asthma", code: "195967001", onset: "1990-06-01", significance: "major", by: "hart" }],
  immunisations: [],
  consultations: [],
  investigations: [],
  referrals: [],
  warnings: {},
};

/** A demo patient's GP record, from what the national records already hold about them. */
function demoRecord(record: DemoClinicalRecord, gp: Clinician, nurse: Clinician, more: Pick<GpRecordFacts, "problems" | "consultations">): GpRecordFacts {
  const scr = record.scr!;
  return {
    nhsNumber: record.nhsNumber,
    practiceOds: record.gpOdsCode,
    clinicians: [gp, nurse],
    medications: scr.medications.map((medication) => ({
      name: medication.name,
      code: "",
      dosage: medication.dosage,
      quantity: medication.quantity,
      type: medication.kind === "acute" ? "acute" : "repeat",
      status: medication.kind === "repeat" ? "active" : medication.kind === "acute" ? "completed" : "stopped",
      start: medication.date,
      ...(medication.kind === "discontinued" ? { end: medication.date } : {}),
      issues: [medication.date],
      by: gp.key,
    })),
    allergies: scr.allergies.map((allergy) => ({
      name: allergy.agent,
      code: "",
      reaction: allergy.reaction,
      severity: allergy.severity,
      asserted: allergy.recorded,
      by: gp.key,
    })),
    immunisations: record.immunisations
      .filter((immunisation) => immunisation.recorder.odsCode === record.gpOdsCode)
      .map((immunisation) => ({
        name: immunisation.product.display,
        code: immunisation.product.code,
        date: immunisation.occurrence.slice(0, 10),
        by: nurse.key,
      })),
    investigations: [],
    referrals: [],
    warnings: {},
    ...more,
  };
}

const RECORDS: GpRecordFacts[] = [
  HORACE_SKELLY,
  SAMUEL_HESLBY,
  ALEXI_HORN,
  demoRecord(clinicalRecordFor("9000000009")!, OKONKWO, ADEYEMI, {
    problems: [{ name: "Atopic dermatitis", code: "24079001", onset: "2012-04-03", significance: "minor", by: "okonkwo" }],
    consultations: [
      {
        date: "2026-10-28",
        type: "Surgery consultation",
        by: "okonkwo",
        headings: [{ heading: "Plan", items: [observation("Paracetamol oral suspension continued", "")] }],
      },
    ],
  }),
  demoRecord(clinicalRecordFor("9693632109")!, PATEL, HOLT, {
    problems: [
      { name: "Type 2 diabetes mellitus", code: "44054006", onset: "2014-02-18", significance: "major", by: "patel" },
      { name: "Essential hypertension", code: "59621000", onset: "2012-07-09", significance: "major", by: "patel" },
    ],
    consultations: [
      {
        date: "2026-11-10",
        type: "Surgery consultation",
        by: "patel",
        headings: [{ heading: "Review", items: [observation("Diabetes annual review", "710711004"), observation("HbA1c level", "43396009", "52 mmol/mol")] }],
      },
      {
        date: "2026-10-20",
        type: "Telephone consultation",
        by: "patel",
        headings: [{ heading: "Plan", items: [observation("Clarithromycin prescribed for chest infection", "")] }],
      },
    ],
  }),
];

export function gpRecordFor(nhsNumber: string): GpRecordFacts | undefined {
  return RECORDS.find((record) => record.nhsNumber === nhsNumber);
}

export const practiceName = (odsCode: string) => findOrganisation(odsCode)?.name ?? odsCode;
