import type { NhsApiName } from "@/lib/nhs/client";
import type { FailureMessage } from "@/lib/nhs/failure-message";
import type { PrescriptionSummary } from "@/lib/nhs/eps";
import type { Vaccination } from "@/lib/nhs/immunisation";
import type { DocumentPointer } from "@/lib/nhs/nrl";
import type { ScrView } from "@/lib/nhs/scr";

export type TimelineSource = Extract<NhsApiName, "scr" | "eps" | "immunisation" | "nrl"> | "ers";

export interface TimelineEntry {
  /** ISO date (or date-time) the event happened. */
  date: string;
  kind: "allergy" | "medication" | "prescription" | "vaccination" | "document";
  title: string;
  detail: string | null;
  source: TimelineSource;
  retrievedAt: Date;
}

export type GapReason =
  | { kind: "not-permitted" }
  | { kind: "refused"; reference: string }
  | { kind: "failed"; failure: FailureMessage }
  | { kind: "scr-basis-needed" }
  | { kind: "scr-no-consent" }
  | { kind: "not-available-yet" };

export type SourceState =
  | { source: TimelineSource; state: "included"; count: number; retrievedAt: Date; note?: "no-scr" }
  | { source: TimelineSource; state: "gap"; reason: GapReason };

/** What each source gave: its items (already mapped to entries), or why it could not be included. */
export type SourceResult = { state: "included"; entries: Omit<TimelineEntry, "source" | "retrievedAt">[]; retrievedAt: Date; note?: "no-scr" } | { state: "gap"; reason: GapReason };

export function scrEntries(scr: ScrView): Omit<TimelineEntry, "source" | "retrievedAt">[] {
  return [
    ...scr.allergies.map((allergy) => ({ date: allergy.date, kind: "allergy" as const, title: allergy.description, detail: [allergy.certainty, allergy.severity].filter(Boolean).join(", ") || null })),
    ...scr.medications.map((medication) => ({ date: medication.date, kind: "medication" as const, title: medication.name, detail: [medication.dosage, medication.quantity].filter(Boolean).join(", ") || null })),
  ];
}

export function prescriptionEntries(prescriptions: PrescriptionSummary[], describe: (prescription: PrescriptionSummary) => { title: string; detail: string }) {
  return prescriptions.map((prescription) => ({ date: prescription.authoredOn, kind: "prescription" as const, ...describe(prescription) }));
}

export function vaccinationEntries(vaccinations: Vaccination[], name: (vaccination: Vaccination) => string) {
  return vaccinations.map((vaccination) => ({ date: vaccination.occurredOn, kind: "vaccination" as const, title: name(vaccination), detail: vaccination.product }));
}

export function documentEntries(pointers: DocumentPointer[]) {
  return pointers.filter((pointer) => pointer.date).map((pointer) => ({ date: pointer.date!, kind: "document" as const, title: pointer.title, detail: pointer.custodian.name ?? pointer.custodian.odsCode }));
}

/** One list across sources, newest first, and a state per source so a failure is never mistaken for "nothing found". */
export function mergeTimeline(results: Array<[TimelineSource, SourceResult]>): { entries: TimelineEntry[]; sources: SourceState[] } {
  const entries: TimelineEntry[] = [];
  const sources: SourceState[] = [];
  for (const [source, result] of results) {
    if (result.state === "gap") {
      sources.push({ source, state: "gap", reason: result.reason });
      continue;
    }
    sources.push({ source, state: "included", count: result.entries.length, retrievedAt: result.retrievedAt, ...(result.note ? { note: result.note } : {}) });
    for (const entry of result.entries) if (entry.date) entries.push({ ...entry, source, retrievedAt: result.retrievedAt });
  }
  entries.sort((a, b) => b.date.slice(0, 10).localeCompare(a.date.slice(0, 10)));
  return { entries, sources };
}
