import { buildPrescriptionId } from "../../lib/format/prescription-id";

/**
 * The Prescription Tracker's view of the demo patients' prescriptions. The medicines are the ones
 * on their Summary Care Records, prescribed by their GP practice to their nominated pharmacy.
 */

export const PRESCRIPTION_STATUS = {
  "0001": "To be Dispensed",
  "0002": "With Dispenser",
  "0003": "With Dispenser - Active",
  "0004": "Expired",
  "0005": "Cancelled",
  "0006": "Dispensed",
  "0007": "Not Dispensed",
  "9000": "Repeat Dispense future instance",
} as const;
export type PrescriptionStatus = keyof typeof PRESCRIPTION_STATUS;

export const ITEM_STATUS = {
  "0001": "Item fully dispensed",
  "0002": "Item not dispensed",
  "0003": "Item dispensed - partial",
  "0004": "Item not dispensed - owing",
  "0005": "Item Cancelled",
  "0006": "Expired",
  "0007": "Item to be dispensed",
  "0008": "Item with dispenser",
} as const;
export type ItemStatus = keyof typeof ITEM_STATUS;

export const CANCELLATION_REASONS = {
  "0001": "Prescribing Error",
  "0002": "Clinical contra-indication",
  "0003": "Change to medication treatment regime",
  "0004": "Clinical grounds",
  "0005": "At the Patient's request",
  "0006": "At the Pharmacist's request",
} as const;

export const NOT_DISPENSED_REASONS = {
  "0001": "Not required as instructed by the patient",
  "0002": "Clinically unsuitable",
  "0003": "Owings note issued to patient",
  "0008": "Item or prescription expired",
  "0010": "Patient did not collect medication",
  "0011": "Patient purchased medication over the counter",
} as const;

export interface PrescriptionItem {
  itemId: string;
  name: string;
  dosage: string;
  quantity: number;
  unit: string;
  status: ItemStatus;
  dispensedQuantity?: number;
  cancellationReason?: keyof typeof CANCELLATION_REASONS;
  notDispensedReason?: keyof typeof NOT_DISPENSED_REASONS;
  pendingCancellation?: boolean;
}

export interface StatusChange {
  at: string;
  title: string;
  status: PrescriptionStatus;
  odsCode: string;
}

export interface DemoPrescription {
  prescriptionId: string;
  nhsNumber: string;
  type: "acute" | "repeat" | "erd";
  /** For repeat and eRD: this issue and how many are authorised. */
  issue?: { number: number; of: number };
  authoredOn: string;
  prescriberOdsCode: string;
  prescriber: { family: string; given: string; prefix: string };
  nominatedDispenserOdsCode: string;
  dispenserOdsCode?: string;
  status: PrescriptionStatus;
  pendingCancellation?: boolean;
  cancellationReason?: keyof typeof CANCELLATION_REASONS;
  items: PrescriptionItem[];
  history: StatusChange[];
}

const DR_PATEL = { family: "PATEL", given: "Nikhil", prefix: "Dr" };
const DR_OKONKWO = { family: "OKONKWO", given: "Ada", prefix: "Dr" };

const atorvastatin = (status: ItemStatus, itemId: string): PrescriptionItem => ({
  itemId,
  name: "Atorvastatin 20mg tablets",
  dosage: "One tablet to be taken at night",
  quantity: 28,
  unit: "tablet",
  status,
  ...(status === "0001" ? { dispensedQuantity: 28 } : {}),
});
const ramipril = (status: ItemStatus, itemId: string): PrescriptionItem => ({
  itemId,
  name: "Ramipril 5mg capsules",
  dosage: "One capsule to be taken once a day",
  quantity: 28,
  unit: "capsule",
  status,
  ...(status === "0001" ? { dispensedQuantity: 28 } : {}),
});

/** One eRD issue of Bill's atorvastatin and ramipril. */
function billErdIssue(issueNumber: number, authoredOn: string, status: PrescriptionStatus, history: StatusChange[]): DemoPrescription {
  const itemStatus: ItemStatus = status === "0006" ? "0001" : status === "9000" ? "0007" : status === "0001" ? "0007" : "0008";
  return {
    // every issue of an eRD shares the prescription ID; the issue number tells them apart
    prescriptionId: buildPrescriptionId("3FA91C", "A20047", "00A01"),
    nhsNumber: "9693632109",
    type: "erd",
    issue: { number: issueNumber, of: 6 },
    authoredOn,
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    ...(status === "0006" || status === "0002" || status === "0003" ? { dispenserOdsCode: "FA565" } : {}),
    status,
    items: [
      atorvastatin(itemStatus, `A7C1E2B0-0000-4000-8000-00000000010${issueNumber}`),
      ramipril(itemStatus, `A7C1E2B0-0000-4000-8000-00000000020${issueNumber}`),
    ],
    history,
  };
}

const uploaded = (at: string, odsCode: string): StatusChange => ({ at, title: "Prescription upload successful", status: "0001", odsCode });
const released = (at: string, odsCode: string): StatusChange => ({ at, title: "Release Request successful", status: "0002", odsCode });
const dispensed = (at: string, odsCode: string): StatusChange => ({ at, title: "Dispense notification successful", status: "0006", odsCode });

export const PRESCRIPTIONS: DemoPrescription[] = [
  billErdIssue(1, "2026-09-03T09:12:00.000Z", "0006", [
    uploaded("2026-09-03T09:12:00.000Z", "A20047"),
    released("2026-09-04T10:01:00.000Z", "FA565"),
    dispensed("2026-09-04T15:20:00.000Z", "FA565"),
  ]),
  billErdIssue(2, "2026-10-01T09:12:00.000Z", "0006", [
    uploaded("2026-10-01T09:12:00.000Z", "A20047"),
    released("2026-10-02T09:30:00.000Z", "FA565"),
    dispensed("2026-10-03T11:45:00.000Z", "FA565"),
  ]),
  billErdIssue(3, "2026-11-01T09:12:00.000Z", "0002", [uploaded("2026-11-01T09:12:00.000Z", "A20047"), released("2026-11-19T08:55:00.000Z", "FA565")]),
  billErdIssue(4, "2026-11-29T09:12:00.000Z", "9000", []),
  billErdIssue(5, "2026-12-27T09:12:00.000Z", "9000", []),
  billErdIssue(6, "2027-01-24T09:12:00.000Z", "9000", []),
  {
    prescriptionId: buildPrescriptionId("7B20D4", "A20047", "1C3E5"),
    nhsNumber: "9693632109",
    type: "repeat",
    issue: { number: 1, of: 1 },
    authoredOn: "2026-11-08T14:30:00.000Z",
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    dispenserOdsCode: "FA565",
    status: "0006",
    items: [
      {
        itemId: "B1D2E3F4-0000-4000-8000-000000000301",
        name: "Metformin 500mg tablets",
        dosage: "One tablet to be taken twice a day with meals",
        quantity: 56,
        unit: "tablet",
        status: "0001",
        dispensedQuantity: 56,
      },
    ],
    history: [uploaded("2026-11-08T14:30:00.000Z", "A20047"), released("2026-11-10T09:05:00.000Z", "FA565"), dispensed("2026-11-10T12:40:00.000Z", "FA565")],
  },
  {
    prescriptionId: buildPrescriptionId("C41F8A", "A20047", "2E0B7"),
    nhsNumber: "9693632109",
    type: "acute",
    authoredOn: "2026-10-20T11:02:00.000Z",
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    dispenserOdsCode: "FA565",
    status: "0006",
    items: [
      {
        itemId: "C1D2E3F4-0000-4000-8000-000000000401",
        name: "Clarithromycin 500mg tablets",
        dosage: "One tablet to be taken twice a day for 7 days",
        quantity: 14,
        unit: "tablet",
        status: "0001",
        dispensedQuantity: 14,
      },
    ],
    history: [uploaded("2026-10-20T11:02:00.000Z", "A20047"), released("2026-10-20T13:15:00.000Z", "FA565"), dispensed("2026-10-20T16:30:00.000Z", "FA565")],
  },
  {
    prescriptionId: buildPrescriptionId("D97E21", "A20047", "4A6C8"),
    nhsNumber: "9693632109",
    type: "acute",
    authoredOn: "2026-11-17T10:20:00.000Z",
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    dispenserOdsCode: "FA565",
    status: "0003",
    items: [
      {
        itemId: "D1D2E3F4-0000-4000-8000-000000000501",
        name: "Glucose 4g chewable tablets",
        dosage: "Three to five tablets when blood glucose is low",
        quantity: 50,
        unit: "tablet",
        status: "0001",
        dispensedQuantity: 50,
      },
      {
        itemId: "D1D2E3F4-0000-4000-8000-000000000502",
        name: "Blood glucose testing strips",
        dosage: "Use as directed",
        quantity: 100,
        unit: "strip",
        status: "0003",
        dispensedQuantity: 50,
        notDispensedReason: "0003",
      },
    ],
    history: [
      uploaded("2026-11-17T10:20:00.000Z", "A20047"),
      released("2026-11-17T14:05:00.000Z", "FA565"),
      { at: "2026-11-18T10:30:00.000Z", title: "Dispense notification successful", status: "0003", odsCode: "FA565" },
    ],
  },
  {
    prescriptionId: buildPrescriptionId("E25B93", "A20047", "7D9F1"),
    nhsNumber: "9693632109",
    type: "acute",
    authoredOn: "2026-06-12T09:45:00.000Z",
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    status: "0005",
    cancellationReason: "0003",
    items: [
      {
        itemId: "E1D2E3F4-0000-4000-8000-000000000601",
        name: "Simvastatin 40mg tablets",
        dosage: "One tablet to be taken at night",
        quantity: 28,
        unit: "tablet",
        status: "0005",
        cancellationReason: "0003",
      },
    ],
    history: [
      uploaded("2026-06-12T09:45:00.000Z", "A20047"),
      { at: "2026-06-12T16:10:00.000Z", title: "Prescription cancelled", status: "0005", odsCode: "A20047" },
    ],
  },
  {
    prescriptionId: buildPrescriptionId("F0A6C2", "A20047", "8B2D4"),
    nhsNumber: "9693632109",
    type: "acute",
    authoredOn: "2026-11-20T15:40:00.000Z",
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    dispenserOdsCode: "FA565",
    status: "0002",
    pendingCancellation: true,
    cancellationReason: "0001",
    items: [
      {
        itemId: "F1D2E3F4-0000-4000-8000-000000000701",
        name: "Amoxicillin 500mg capsules",
        dosage: "One capsule to be taken three times a day for 5 days",
        quantity: 15,
        unit: "capsule",
        status: "0008",
        pendingCancellation: true,
        cancellationReason: "0001",
      },
    ],
    history: [
      uploaded("2026-11-20T15:40:00.000Z", "A20047"),
      released("2026-11-20T16:02:00.000Z", "FA565"),
      { at: "2026-11-20T16:20:00.000Z", title: "Cancellation requested: prescription is with the dispenser", status: "0002", odsCode: "A20047" },
    ],
  },
  {
    prescriptionId: buildPrescriptionId("0C8D5E", "A20047", "9E4A6"),
    nhsNumber: "9693632109",
    type: "acute",
    authoredOn: "2026-04-02T10:00:00.000Z",
    prescriberOdsCode: "A20047",
    prescriber: DR_PATEL,
    nominatedDispenserOdsCode: "FA565",
    dispenserOdsCode: "FA565",
    status: "0007",
    items: [
      {
        itemId: "01D2E3F4-0000-4000-8000-000000000801",
        name: "Ibuprofen 400mg tablets",
        dosage: "One tablet three times a day after food",
        quantity: 24,
        unit: "tablet",
        status: "0002",
        notDispensedReason: "0011",
      },
    ],
    history: [
      uploaded("2026-04-02T10:00:00.000Z", "A20047"),
      released("2026-04-02T12:00:00.000Z", "FA565"),
      { at: "2026-04-03T09:30:00.000Z", title: "Dispense notification successful", status: "0007", odsCode: "FA565" },
    ],
  },
  {
    prescriptionId: buildPrescriptionId("1D4F7A", "Y12345", "0B3C5"),
    nhsNumber: "9000000009",
    type: "repeat",
    issue: { number: 2, of: 3 },
    authoredOn: "2026-10-28T10:10:00.000Z",
    prescriberOdsCode: "Y12345",
    prescriber: DR_OKONKWO,
    nominatedDispenserOdsCode: "Y23456",
    dispenserOdsCode: "Y23456",
    status: "0006",
    items: [
      {
        itemId: "11D2E3F4-0000-4000-8000-000000000901",
        name: "Paracetamol 250mg/5ml oral suspension sugar free",
        dosage: "One 5ml spoonful every 4 to 6 hours when necessary. No more than 4 doses in 24 hours",
        quantity: 100,
        unit: "ml",
        status: "0001",
        dispensedQuantity: 100,
      },
    ],
    history: [uploaded("2026-10-28T10:10:00.000Z", "Y12345"), released("2026-10-28T14:00:00.000Z", "Y23456"), dispensed("2026-10-28T17:25:00.000Z", "Y23456")],
  },
  {
    prescriptionId: buildPrescriptionId("2E5A8B", "Y12345", "1C4D6"),
    nhsNumber: "9000000009",
    type: "acute",
    authoredOn: "2026-09-14T08:50:00.000Z",
    prescriberOdsCode: "Y12345",
    prescriber: DR_OKONKWO,
    nominatedDispenserOdsCode: "Y23456",
    dispenserOdsCode: "Y23456",
    status: "0006",
    items: [
      {
        itemId: "21D2E3F4-0000-4000-8000-000000001001",
        name: "Chlorphenamine 2mg/5ml oral solution",
        dosage: "2.5ml three times a day when required for itch",
        quantity: 150,
        unit: "ml",
        status: "0001",
        dispensedQuantity: 150,
      },
    ],
    history: [uploaded("2026-09-14T08:50:00.000Z", "Y12345"), released("2026-09-14T11:00:00.000Z", "Y23456"), dispensed("2026-09-14T15:35:00.000Z", "Y23456")],
  },
  {
    // its check character is "+", which a client must URL-encode
    prescriptionId: buildPrescriptionId("4A7B9C", "Y12345", "3C000"),
    nhsNumber: "9000000009",
    type: "acute",
    authoredOn: "2026-11-19T09:15:00.000Z",
    prescriberOdsCode: "Y12345",
    prescriber: DR_OKONKWO,
    nominatedDispenserOdsCode: "Y23456",
    status: "0001",
    items: [
      {
        itemId: "31D2E3F4-0000-4000-8000-000000001101",
        name: "Cetirizine 1mg/ml oral solution sugar free",
        dosage: "5ml once a day",
        quantity: 70,
        unit: "ml",
        status: "0007",
      },
    ],
    history: [uploaded("2026-11-19T09:15:00.000Z", "Y12345")],
  },
];

export function prescriptionsFor(nhsNumber: string): DemoPrescription[] {
  return PRESCRIPTIONS.filter((prescription) => prescription.nhsNumber === nhsNumber);
}

/** One issue of a prescription: the one asked for, or else the latest issue that is not still in the future. */
export function findPrescription(prescriptionId: string, issueNumber?: number): DemoPrescription | undefined {
  const issues = PRESCRIPTIONS.filter((prescription) => prescription.prescriptionId === prescriptionId);
  if (issueNumber !== undefined) return issues.find((prescription) => (prescription.issue?.number ?? 1) === issueNumber);
  const current = issues.filter((prescription) => prescription.status !== "9000");
  return (current.length ? current : issues).sort((a, b) => (b.issue?.number ?? 1) - (a.issue?.number ?? 1))[0];
}

export function issuesOf(prescriptionId: string): DemoPrescription[] {
  return PRESCRIPTIONS.filter((prescription) => prescription.prescriptionId === prescriptionId).sort((a, b) => (a.issue?.number ?? 1) - (b.issue?.number ?? 1));
}
