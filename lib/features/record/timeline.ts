import { codedText } from "../immunisations/coded-text";
import type { NhsApiName } from "@/lib/nhs/transport/client";
import type { FailureMessage } from "@/lib/features/failure-message";
import type { PrescriptionSummary } from "@/lib/nhs/eps/client";
import type { Vaccination } from "@/lib/nhs/immunisation/client";
import type { DocumentPointer } from "@/lib/nhs/nrl/client";
import type { ScrView } from "@/lib/nhs/scr/client";

export type TimelineSource = Extract<NhsApiName, "scr" | "eps" | "immunisation" | "nrl"> | "ers";

export interface TimelineEntry {
  /** ISO date (or date-time) the event happened; null where the source recorded none. */
  date: string | null;
  kind: "allergy" | "medication" | "prescription" | "vaccination" | "document";
  title: string;
  detail: string | null;
  source: TimelineSource;
  retrievedAt: Date;
  /** A vaccination this service recorded: who recorded it and when (ISO), as the national record holds it. */
  recordedHere?: { by: string | null; at: string | null };
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
export type SourceResult =
  | { state: "included"; entries: Omit<TimelineEntry, "source" | "retrievedAt">[]; retrievedAt: Date; note?: "no-scr" }
  | { state: "gap"; reason: GapReason };

export function scrEntries(scr: ScrView): Omit<TimelineEntry, "source" | "retrievedAt">[] {
  return [
    ...scr.allergies.map((allergy) => ({
      date: allergy.date || null,
      kind: "allergy" as const,
      title: allergy.description,
      detail: [allergy.certainty, allergy.severity].filter(Boolean).join(", ") || null,
    })),
    ...scr.medications.map((medication) => ({
      date: medication.date || null,
      kind: "medication" as const,
      title: medication.name,
      detail: [medication.dosage, medication.quantity].filter(Boolean).join(", ") || null,
    })),
  ];
}

export function prescriptionEntries(prescriptions: PrescriptionSummary[], describe: (prescription: PrescriptionSummary) => { title: string; detail: string }) {
  return prescriptions.map((prescription) => ({ date: prescription.authoredOn || null, kind: "prescription" as const, ...describe(prescription) }));
}

export function vaccinationEntries(
  vaccinations: Vaccination[],
  name: (vaccination: Vaccination) => string,
  recordedHere: (vaccination: Vaccination) => boolean,
) {
  return vaccinations.map((vaccination) => ({
    date: vaccination.occurredOn || null,
    kind: "vaccination" as const,
    title: name(vaccination),
    detail: codedText(vaccination, "product"),
    ...(recordedHere(vaccination) ? { recordedHere: { by: vaccination.recorder, at: vaccination.recorded } } : {}),
  }));
}

export function documentEntries(pointers: DocumentPointer[]) {
  return pointers.map((pointer) => ({
    date: pointer.date || null,
    kind: "document" as const,
    title: pointer.title,
    detail: pointer.custodian.name ?? pointer.custodian.odsCode,
  }));
}

/**
 * One list across sources, newest first; the entries whose source recorded no date in a group of their own
 * (never dropped, never guessed into place), so each source's count is what is listed for it; and a state per
 * source so a failure is never mistaken for "nothing found".
 */
export function mergeTimeline(results: Array<[TimelineSource, SourceResult]>): { entries: TimelineEntry[]; undated: TimelineEntry[]; sources: SourceState[] } {
  const entries: TimelineEntry[] = [];
  const undated: TimelineEntry[] = [];
  const sources: SourceState[] = [];
  for (const [source, result] of results) {
    if (result.state === "gap") {
      sources.push({ source, state: "gap", reason: result.reason });
      continue;
    }
    sources.push({ source, state: "included", count: result.entries.length, retrievedAt: result.retrievedAt, ...(result.note ? { note: result.note } : {}) });
    for (const entry of result.entries) (entry.date ? entries : undated).push({ ...entry, source, retrievedAt: result.retrievedAt });
  }
  entries.sort((a, b) => (b.date ?? "").slice(0, 10).localeCompare((a.date ?? "").slice(0, 10)));
  return { entries, undated, sources };
}
