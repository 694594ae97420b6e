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

/** Who prescribes for a patient, and the pharmacy the patient nominated. */
interface Prescribing {
  nhsNumber: string;
  prescriberOdsCode: string;
  prescriber: DemoPrescription["prescriber"];
  nominatedDispenserOdsCode: string;
}

const BILL: Prescribing = {
  nhsNumber: "9693632109",
  prescriberOdsCode: "A20047",
  prescriber: { family: "PATEL", given: "Nikhil", prefix: "Dr" },
  nominatedDispenserOdsCode: "FA565",
};
const JANE: Prescribing = {
  nhsNumber: "9000000009",
  prescriberOdsCode: "Y12345",
  prescriber: { family: "OKONKWO", given: "Ada", prefix: "Dr" },
  nominatedDispenserOdsCode: "Y23456",
};

/** Statuses at which the nominated pharmacy has released the prescription to itself. */
const WITH_DISPENSER: PrescriptionStatus[] = ["0002", "0003", "0006", "0007"];

/** A prescription from the patient's GP practice to their nominated pharmacy, which is its dispenser once released. */
function prescription(
  patient: Prescribing,
  /** The prescription ID's random part and check part; its middle is the prescriber's ODS code. */
  [random, check]: [string, string],
  type: DemoPrescription["type"],
  authoredOn: string,
  status: PrescriptionStatus,
  rest: Pick<DemoPrescription, "issue" | "pendingCancellation" | "cancellationReason" | "items" | "history">,
): DemoPrescription {
  const { issue, pendingCancellation, cancellationReason, items, history } = rest;
  return {
    prescriptionId: buildPrescriptionId(random, patient.prescriberOdsCode, check),
    nhsNumber: patient.nhsNumber,
    type,
    ...(issue ? { issue } : {}),
    authoredOn,
    prescriberOdsCode: patient.prescriberOdsCode,
    prescriber: patient.prescriber,
    nominatedDispenserOdsCode: patient.nominatedDispenserOdsCode,
    ...(WITH_DISPENSER.includes(status) ? { dispenserOdsCode: patient.nominatedDispenserOdsCode } : {}),
    status,
    ...(pendingCancellation ? { pendingCancellation } : {}),
    ...(cancellationReason ? { cancellationReason } : {}),
    items,
    history,
  };
}

/** A medicine as prescribed: its name, the dosage instruction and the unit it is counted in. */
type Medicine = Pick<PrescriptionItem, "name" | "dosage" | "unit">;

const ATORVASTATIN: Medicine = { name: "Atorvastatin 20mg tablets", dosage: "One tablet to be taken at night", unit: "tablet" };
const RAMIPRIL: Medicine = { name: "Ramipril 5mg capsules", dosage: "One capsule to be taken once a day", unit: "capsule" };
const METFORMIN: Medicine = { name: "Metformin 500mg tablets", dosage: "One tablet to be taken twice a day with meals", unit: "tablet" };
const CLARITHROMYCIN: Medicine = { name: "Clarithromycin 500mg tablets", dosage: "One tablet to be taken twice a day for 7 days", unit: "tablet" };
const GLUCOSE_TABLETS: Medicine = { name: "Glucose 4g chewable tablets", dosage: "Three to five tablets when blood glucose is low", unit: "tablet" };
const GLUCOSE_STRIPS: Medicine = { name: "Blood glucose testing strips", dosage: "Use as directed", unit: "strip" };
const SIMVASTATIN: Medicine = { name: "Simvastatin 40mg tablets", dosage: "One tablet to be taken at night", unit: "tablet" };
const AMOXICILLIN: Medicine = { name: "Amoxicillin 500mg capsules", dosage: "One capsule to be taken three times a day for 5 days", unit: "capsule" };
const IBUPROFEN: Medicine = { name: "Ibuprofen 400mg tablets", dosage: "One tablet three times a day after food", unit: "tablet" };
const PARACETAMOL_SUSPENSION: Medicine = {
  name: "Paracetamol 250mg/5ml oral suspension sugar free",
  dosage: "One 5ml spoonful every 4 to 6 hours when necessary. No more than 4 doses in 24 hours",
  unit: "ml",
};
const CHLORPHENAMINE: Medicine = { name: "Chlorphenamine 2mg/5ml oral solution", dosage: "2.5ml three times a day when required for itch", unit: "ml" };
const CETIRIZINE: Medicine = { name: "Cetirizine 1mg/ml oral solution sugar free", dosage: "5ml once a day", unit: "ml" };

/** One item of a prescription; an item fully dispensed (0001) had its whole quantity dispensed. */
function item(
  itemId: string,
  medicine: Medicine,
  quantity: number,
  status: ItemStatus,
  more: Pick<PrescriptionItem, "dispensedQuantity" | "notDispensedReason" | "pendingCancellation" | "cancellationReason"> = {},
): PrescriptionItem {
  return {
    itemId,
    name: medicine.name,
    dosage: medicine.dosage,
    quantity,
    unit: medicine.unit,
    status,
    ...(status === "0001" ? { dispensedQuantity: quantity } : {}),
    ...more,
  };
}

/** One eRD issue of Bill's atorvastatin and ramipril. */
function billErdIssue(issueNumber: number, authoredOn: string, status: PrescriptionStatus, history: StatusChange[]): DemoPrescription {
  const itemStatus: ItemStatus = status === "0006" ? "0001" : status === "9000" ? "0007" : status === "0001" ? "0007" : "0008";
  // every issue of an eRD shares the prescription ID; the issue number tells them apart
  return prescription(BILL, ["3FA91C", "00A01"], "erd", authoredOn, status, {
    issue: { number: issueNumber, of: 6 },
    items: [
      item(`A7C1E2B0-0000-4000-8000-00000000010${issueNumber}`, ATORVASTATIN, 28, itemStatus),
      item(`A7C1E2B0-0000-4000-8000-00000000020${issueNumber}`, RAMIPRIL, 28, itemStatus),
    ],
    history,
  });
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
  prescription(BILL, ["7B20D4", "1C3E5"], "repeat", "2026-11-08T14:30:00.000Z", "0006", {
    issue: { number: 1, of: 1 },
    items: [item("B1D2E3F4-0000-4000-8000-000000000301", METFORMIN, 56, "0001")],
    history: [uploaded("2026-11-08T14:30:00.000Z", "A20047"), released("2026-11-10T09:05:00.000Z", "FA565"), dispensed("2026-11-10T12:40:00.000Z", "FA565")],
  }),
  prescription(BILL, ["C41F8A", "2E0B7"], "acute", "2026-10-20T11:02:00.000Z", "0006", {
    items: [item("C1D2E3F4-0000-4000-8000-000000000401", CLARITHROMYCIN, 14, "0001")],
    history: [uploaded("2026-10-20T11:02:00.000Z", "A20047"), released("2026-10-20T13:15:00.000Z", "FA565"), dispensed("2026-10-20T16:30:00.000Z", "FA565")],
  }),
  prescription(BILL, ["D97E21", "4A6C8"], "acute", "2026-11-17T10:20:00.000Z", "0003", {
    items: [
      item("D1D2E3F4-0000-4000-8000-000000000501", GLUCOSE_TABLETS, 50, "0001"),
      item("D1D2E3F4-0000-4000-8000-000000000502", GLUCOSE_STRIPS, 100, "0003", { dispensedQuantity: 50, notDispensedReason: "0003" }),
    ],
    history: [
      uploaded("2026-11-17T10:20:00.000Z", "A20047"),
      released("2026-11-17T14:05:00.000Z", "FA565"),
      { at: "2026-11-18T10:30:00.000Z", title: "Dispense notification successful", status: "0003", odsCode: "FA565" },
    ],
  }),
  prescription(BILL, ["E25B93", "7D9F1"], "acute", "2026-06-12T09:45:00.000Z", "0005", {
    cancellationReason: "0003",
    items: [item("E1D2E3F4-0000-4000-8000-000000000601", SIMVASTATIN, 28, "0005", { cancellationReason: "0003" })],
    history: [
      uploaded("2026-06-12T09:45:00.000Z", "A20047"),
      { at: "2026-06-12T16:10:00.000Z", title: "Prescription cancelled", status: "0005", odsCode: "A20047" },
    ],
  }),
  prescription(BILL, ["F0A6C2", "8B2D4"], "acute", "2026-11-20T15:40:00.000Z", "0002", {
    pendingCancellation: true,
    cancellationReason: "0001",
    items: [item("F1D2E3F4-0000-4000-8000-000000000701", AMOXICILLIN, 15, "0008", { pendingCancellation: true, cancellationReason: "0001" })],
    history: [
      uploaded("2026-11-20T15:40:00.000Z", "A20047"),
      released("2026-11-20T16:02:00.000Z", "FA565"),
      { at: "2026-11-20T16:20:00.000Z", title: "Cancellation requested: prescription is with the dispenser", status: "0002", odsCode: "A20047" },
    ],
  }),
  prescription(BILL, ["0C8D5E", "9E4A6"], "acute", "2026-04-02T10:00:00.000Z", "0007", {
    items: [item("01D2E3F4-0000-4000-8000-000000000801", IBUPROFEN, 24, "0002", { notDispensedReason: "0011" })],
    history: [
      uploaded("2026-04-02T10:00:00.000Z", "A20047"),
      released("2026-04-02T12:00:00.000Z", "FA565"),
      { at: "2026-04-03T09:30:00.000Z", title: "Dispense notification successful", status: "0007", odsCode: "FA565" },
    ],
  }),
  prescription(JANE, ["1D4F7A", "0B3C5"], "repeat", "2026-10-28T10:10:00.000Z", "0006", {
    issue: { number: 2, of: 3 },
    items: [item("11D2E3F4-0000-4000-8000-000000000901", PARACETAMOL_SUSPENSION, 100, "0001")],
    history: [uploaded("2026-10-28T10:10:00.000Z", "Y12345"), released("2026-10-28T14:00:00.000Z", "Y23456"), dispensed("2026-10-28T17:25:00.000Z", "Y23456")],
  }),
  prescription(JANE, ["2E5A8B", "1C4D6"], "acute", "2026-09-14T08:50:00.000Z", "0006", {
    items: [item("21D2E3F4-0000-4000-8000-000000001001", CHLORPHENAMINE, 150, "0001")],
    history: [uploaded("2026-09-14T08:50:00.000Z", "Y12345"), released("2026-09-14T11:00:00.000Z", "Y23456"), dispensed("2026-09-14T15:35:00.000Z", "Y23456")],
  }),
  // its check character is "+", which a client must URL-encode
  prescription(JANE, ["4A7B9C", "3C000"], "acute", "2026-11-19T09:15:00.000Z", "0001", {
    items: [item("31D2E3F4-0000-4000-8000-000000001101", CETIRIZINE, 70, "0007")],
    history: [uploaded("2026-11-19T09:15:00.000Z", "Y12345")],
  }),
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
