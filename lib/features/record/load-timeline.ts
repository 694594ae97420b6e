import "server-only";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { formatFhirDate } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { openedPatient, readConfirmedByPds } from "./load-patient";
import { loadSummaryCareRecord, type ScrPageOutcome } from "../scr/load-scr";
import { loadDocumentPointers, loadPrescriptions, loadVaccinations, type SourceOutcome } from "./record-sources";
import { isRecordedHere } from "../vaccination/vaccinations";
import { documentEntries, mergeTimeline, prescriptionEntries, scrEntries, vaccinationEntries, type SourceResult, type TimelineSource } from "./timeline";

const text = content.timeline;

function fromSource<T>(outcome: SourceOutcome<T>, toEntries: (items: T[]) => Extract<SourceResult, { state: "included" }>["entries"]): SourceResult {
  switch (outcome.kind) {
    case "found":
      return { state: "included", entries: toEntries(outcome.items), retrievedAt: outcome.retrievedAt };
    case "not-permitted":
    case "no-patient":
      return { state: "gap", reason: { kind: "not-permitted" } };
    case "refused":
      return { state: "gap", reason: { kind: "refused", reference: outcome.requestId } };
    case "failed":
      return { state: "gap", reason: { kind: "failed", failure: describeFailure(outcome.failure) } };
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}

function scrResult(outcome: ScrPageOutcome): SourceResult {
  switch (outcome.kind) {
    case "found":
      return { state: "included", entries: scrEntries(outcome.scr), retrievedAt: outcome.retrievedAt };
    case "no-scr":
    case "no-results":
      return { state: "included", entries: [], retrievedAt: new Date(), note: "no-scr" };
    case "no-consent":
      return { state: "gap", reason: { kind: "scr-no-consent" } };
    case "failed":
      return { state: "gap", reason: { kind: "failed", failure: describeFailure(outcome.failure) } };
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}

/**
 * The SCR joins the timeline only once the user has confirmed their basis of access to it. Like the
 * other sources it is read alongside PDS and shown only if PDS confirms the patient.
 */
async function scrSource(ref: string): Promise<SourceResult> {
  const opened = await openedPatient(ref);
  if (opened.kind !== "opened" || !canUse("view-scr", opened.role, opened.session.assurance.authenticationLevel))
    return { state: "gap", reason: { kind: "not-permitted" } };
  const { session, role } = opened;
  const read = (nhsNumber: string) =>
    session.scrAccess?.[nhsNumber]
      ? loadSummaryCareRecord(session, role, nhsNumber, "scr-view").then(scrResult)
      : Promise.resolve<SourceResult>({ state: "gap", reason: { kind: "scr-basis-needed" } });
  return readConfirmedByPds(ref, opened.nhsNumber, read, { state: "gap", reason: { kind: "not-permitted" } });
}

/** Every source fetched in parallel; each one's failure stays its own. */
export async function loadTimeline(ref: string) {
  const [scr, prescriptions, vaccinations, documents] = await Promise.all([
    scrSource(ref),
    loadPrescriptions(ref).then((outcome) =>
      fromSource(outcome, (items) =>
        prescriptionEntries(items, (prescription) => ({
          title: text.prescriptionTitle(content.prescriptions.types[prescription.type], prescription.prescriptionId),
          detail: prescription.status.display,
        })),
      ),
    ),
    loadVaccinations(ref).then((outcome) =>
      fromSource(outcome, (items) =>
        vaccinationEntries(
          items,
          (vaccination) =>
            text.vaccinationTitle(vaccination.vaccineType ? content.immunisations.typeNames[vaccination.vaccineType]! : (vaccination.targetDisease ?? "")),
          isRecordedHere,
        ),
      ),
    ),
    loadDocumentPointers(ref).then((outcome) => fromSource(outcome, documentEntries)),
  ]);
  const results: Array<[TimelineSource, SourceResult]> = [
    ["scr", scr],
    ["eps", prescriptions],
    ["immunisation", vaccinations],
    ["nrl", documents],
    ["ers", { state: "gap", reason: { kind: "not-available-yet" } }],
  ];
  return mergeTimeline(results);
}

export const timelineDate = (value: string) => formatFhirDate(value.slice(0, 10)) ?? value;
