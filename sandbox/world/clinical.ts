/**
 * What the national records hold about the demo patients, written once so that the Summary Care
 * Record, the Prescription Tracker and the Immunisation API agree: a medication on the SCR is the one
 * prescribed through EPS, from the same GP practice to the same pharmacy. Synthetic.
 */

export interface Allergy {
  agent: string;
  reaction: string;
  severity: "mild" | "moderate" | "severe";
  recorded: string;
  certainty: "confirmed" | "suspected";
}

export interface ScrMedication {
  name: string;
  dosage: string;
  quantity: string;
  /** acute: prescribed once; repeat: current repeat; discontinued: a repeat that was stopped. */
  kind: "acute" | "repeat" | "discontinued";
  /** Prescribed (acute), last issued (repeat) or stopped (discontinued). */
  date: string;
}

export interface ScrRecord {
  /** The SCR's UUID: what DocumentReference points at and Bundle is read by. */
  scrId: string;
  documentReferenceId: string;
  lastUpdated: string;
  consent: "Yes" | "No" | "Ask";
  authorOdsCode: string;
  author: { family: string; given: string; prefix: string };
  allergies: Allergy[];
  medications: ScrMedication[];
  /** Additional information, when the patient agreed to more than the core SCR. */
  additionalInformation: Array<{ section: string; date: string; description: string }>;
}

export interface Immunisation {
  id: string;
  /** The API's vaccine type: 3IN1, COVID, FLU, HPV, MENACWY, MMR, MMRV, PNEUMOCOCCAL, PERTUSSIS, RSV, SHINGLES. */
  vaccineType: string;
  targetDisease: { code: string; display: string };
  product: { code: string; display: string };
  occurrence: string;
  doseNumber: number;
  site: { code: string; display: string };
  route: { code: string; display: string };
  lotNumber: string;
  expirationDate: string;
  locationOdsCode: string;
  recorder: { name: string; odsCode: string };
  doseQuantity: { value: number; unit: string };
  /** Coded items sent with their SNOMED CT code and no display, as some older records are. */
  codedOnly?: Array<"site" | "route">;
}

export interface DemoClinicalRecord {
  nhsNumber: string;
  gpOdsCode: string;
  nominatedPharmacyOdsCode: string;
  scr: ScrRecord | null;
  immunisations: Immunisation[];
}

const DELTOID_LEFT = { code: "368208006", display: "Left upper arm structure" };
const DELTOID_RIGHT = { code: "368209003", display: "Right upper arm structure" };
const INTRAMUSCULAR = { code: "78421000", display: "Intramuscular route" };
const SUBCUTANEOUS = { code: "34206005", display: "Subcutaneous route" };

/** The disease each vaccine type targets (SNOMED CT). */
const TARGET_DISEASES = {
  COVID: { code: "840539006", display: "Disease caused by severe acute respiratory syndrome coronavirus 2" },
  FLU: { code: "6142004", display: "Influenza" },
  PNEUMOCOCCAL: { code: "16814004", display: "Pneumococcal infectious disease" },
  SHINGLES: { code: "4740000", display: "Herpes zoster" },
};

/** A vaccine product: what it protects against, and how it is given. */
type Vaccine = Pick<Immunisation, "vaccineType" | "targetDisease" | "product" | "route" | "doseQuantity"> & { site?: Immunisation["site"] };

/** A product given by intramuscular injection of 0.5 ml, unless `how` says otherwise. */
function vaccine(
  vaccineType: keyof typeof TARGET_DISEASES,
  product: Immunisation["product"],
  how: { route?: Immunisation["route"]; site?: Immunisation["site"]; ml?: number } = {},
): Vaccine {
  return {
    vaccineType,
    targetDisease: TARGET_DISEASES[vaccineType],
    product,
    route: how.route ?? INTRAMUSCULAR,
    doseQuantity: { value: how.ml ?? 0.5, unit: "ml" },
    ...(how.site ? { site: how.site } : {}),
  };
}

const VAXZEVRIA = vaccine("COVID", {
  code: "39114911000001105",
  display: "COVID-19 Vaccine Vaxzevria 0.5ml dose suspension for injection multidose vials (AstraZeneca UK Ltd)",
});
const COMIRNATY_JN1 = vaccine(
  "COVID",
  { code: "42985911000001104", display: "Comirnaty JN.1 COVID-19 mRNA Vaccine 30micrograms/0.3ml dose (Pfizer Ltd)" },
  { ml: 0.3 },
);
const FLUENZ = vaccine(
  "FLU",
  { code: "43208811000001106", display: "Fluenz nasal suspension (AstraZeneca UK Ltd)" },
  { site: { code: "279549004", display: "Nasal cavity structure" }, route: { code: "46713006", display: "Nasal route" }, ml: 0.2 },
);
const FLU_TETRA_MYL = vaccine("FLU", { code: "39114911000001105", display: "Influenza Tetra MYL vaccine suspension for injection 0.5ml pre-filled syringes" });
const PNEUMOVAX = vaccine(
  "PNEUMOCOCCAL",
  { code: "3439211000001108", display: "Pneumovax 23 vaccine solution for injection 0.5ml pre-filled syringes" },
  { route: SUBCUTANEOUS },
);
const SHINGRIX = vaccine("SHINGLES", { code: "38737511000001105", display: "Shingrix suspension for injection 0.5ml vials (GlaxoSmithKline UK Ltd)" });

const NURSE_ADEYEMI = { name: "Nurse Kemi ADEYEMI", odsCode: "Y12345" };
const NURSE_HOLT = { name: "Nurse Joanne HOLT", odsCode: "A20047" };
const PHARMACIST_BAILEY = { name: "Pharmacist Ruth BAILEY", odsCode: "FA565" };

/** A vaccination, recorded where its recorder works: the first dose, into the left arm (or the product's own site), unless `more` says otherwise. */
function vaccination(
  id: string,
  given: Vaccine,
  occurrence: string,
  recorder: Immunisation["recorder"],
  lotNumber: string,
  expirationDate: string,
  more: { doseNumber?: number; site?: Immunisation["site"]; codedOnly?: Immunisation["codedOnly"] } = {},
): Immunisation {
  return {
    id,
    vaccineType: given.vaccineType,
    targetDisease: given.targetDisease,
    product: given.product,
    occurrence,
    doseNumber: more.doseNumber ?? 1,
    site: more.site ?? given.site ?? DELTOID_LEFT,
    route: given.route,
    lotNumber,
    expirationDate,
    locationOdsCode: recorder.odsCode,
    recorder,
    doseQuantity: given.doseQuantity,
    ...(more.codedOnly ? { codedOnly: more.codedOnly } : {}),
  };
}

export const CLINICAL_RECORDS: DemoClinicalRecord[] = [
  {
    nhsNumber: "9000000009",
    gpOdsCode: "Y12345",
    nominatedPharmacyOdsCode: "Y23456",
    scr: {
      scrId: "FA60BE64-1F34-11EB-A2A8-000C29A364EB",
      documentReferenceId: "6d334ca8-a6e1-4bae-93b1-19a14a36ea7a",
      lastUpdated: "2026-11-02T09:15:00+00:00",
      consent: "Ask",
      authorOdsCode: "Y12345",
      author: { family: "OKONKWO", given: "Ada", prefix: "Dr" },
      allergies: [{ agent: "Wasp venom", reaction: "Toxic reaction to wasp sting", severity: "moderate", recorded: "2024-05-12", certainty: "confirmed" }],
      medications: [
        {
          name: "Paracetamol 250mg/5ml oral suspension sugar free",
          dosage: "One 5ml spoonful every 4 to 6 hours when necessary. No more than 4 doses in 24 hours",
          quantity: "100 ml",
          kind: "repeat",
          date: "2026-10-28",
        },
        {
          name: "Chlorphenamine 2mg/5ml oral solution",
          dosage: "2.5ml three times a day when required for itch",
          quantity: "150 ml",
          kind: "acute",
          date: "2026-09-14",
        },
      ],
      additionalInformation: [],
    },
    immunisations: [
      // the NHS sandbox's read example
      vaccination("12a33650-6f94-4e8f-a971-1c5c41da5b22", VAXZEVRIA, "2021-02-07T13:28:17+00:00", NURSE_ADEYEMI, "4120Z001", "2021-07-02"),
      vaccination("a2c5b8f1-0c49-4a53-9d3e-1f6c4e2b7a01", FLUENZ, "2025-10-15T10:30:00+00:00", NURSE_ADEYEMI, "FL2025-771", "2026-06-30"),
    ],
  },
  {
    nhsNumber: "9693632109",
    gpOdsCode: "A20047",
    nominatedPharmacyOdsCode: "FA565",
    scr: {
      scrId: "3C4E9B2A-7D1F-4E8B-9A6C-5F2D8E1B0C47",
      documentReferenceId: "b7e0c2d4-3f81-4a6e-9c25-8d1f0e7a6b39",
      lastUpdated: "2026-11-10T14:02:00+00:00",
      consent: "Yes",
      authorOdsCode: "A20047",
      author: { family: "PATEL", given: "Nikhil", prefix: "Dr" },
      allergies: [
        { agent: "Penicillin", reaction: "Generalised rash with urticaria", severity: "moderate", recorded: "2015-03-02", certainty: "confirmed" },
        { agent: "Codeine", reaction: "Nausea and vomiting", severity: "mild", recorded: "2019-08-21", certainty: "suspected" },
      ],
      medications: [
        { name: "Atorvastatin 20mg tablets", dosage: "One tablet to be taken at night", quantity: "28 tablet", kind: "repeat", date: "2026-11-01" },
        { name: "Ramipril 5mg capsules", dosage: "One capsule to be taken once a day", quantity: "28 capsule", kind: "repeat", date: "2026-11-01" },
        { name: "Metformin 500mg tablets", dosage: "One tablet to be taken twice a day with meals", quantity: "56 tablet", kind: "repeat", date: "2026-11-10" },
        {
          name: "Clarithromycin 500mg tablets",
          dosage: "One tablet to be taken twice a day for 7 days",
          quantity: "14 tablet",
          kind: "acute",
          date: "2026-10-20",
        },
        { name: "Simvastatin 40mg tablets", dosage: "One tablet to be taken at night", quantity: "28 tablet", kind: "discontinued", date: "2026-06-12" },
      ],
      additionalInformation: [
        { section: "Risks to Patient", date: "2026-01-14", description: "Type 2 diabetes mellitus: annual foot and eye checks due" },
        { section: "Personal Preferences", date: "2025-09-03", description: "Prefers to be contacted by telephone in the morning" },
      ],
    },
    immunisations: [
      vaccination("5e1f3a7c-9b24-4d0e-8f61-2c7a9d4b3e18", COMIRNATY_JN1, "2025-10-02T11:05:00+00:00", PHARMACIST_BAILEY, "HK3921", "2026-03-31", {
        doseNumber: 7,
      }),
      vaccination("8d2b6e04-1a3c-4f97-b5e8-7c0d9a2f6b51", FLU_TETRA_MYL, "2026-10-09T09:40:00+00:00", NURSE_HOLT, "FLU26-1184", "2027-06-30", {
        site: DELTOID_RIGHT,
      }),
      vaccination("c4a9e7b2-6f05-4d18-93ad-0b5e2f8c1d76", FLU_TETRA_MYL, "2025-10-13T10:15:00+00:00", NURSE_HOLT, "FLU25-0912", "2026-06-30"),
      vaccination("f09b3c61-2e8d-47a4-a6c2-91d5e0b8f3a2", PNEUMOVAX, "2020-11-18T14:20:00+00:00", NURSE_HOLT, "PN20-4471", "2021-09-30", {
        codedOnly: ["site", "route"],
      }),
      vaccination("2b7e5d90-c3f4-4a61-8e0b-6d1a9f4c7e23", SHINGRIX, "2024-02-07T15:00:00+00:00", NURSE_HOLT, "SHX24-0207", "2025-12-31", {
        doseNumber: 2,
        site: DELTOID_RIGHT,
      }),
    ],
  },
];

export function clinicalRecordFor(nhsNumber: string): DemoClinicalRecord | undefined {
  return CLINICAL_RECORDS.find((record) => record.nhsNumber === nhsNumber);
}
