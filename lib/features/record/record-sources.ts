import { withPreferredTerms } from "../vaccination/terminology";
import "server-only";
import { cache } from "react";
import { canUse, type Feature } from "@/lib/access/policy";
import type { AuditAction } from "@/lib/audit/audit-trail";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import { logger } from "@/lib/log";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { PrescriptionSummary } from "@/lib/nhs/eps/client";
import type { Vaccination } from "@/lib/nhs/immunisation/client";
import type { DocumentPointer } from "@/lib/nhs/nrl/client";
import { services } from "@/lib/server/services";
import { openedPatient, readConfirmedByPds } from "./load-patient";

/** One national source's answer for the open patient, as every tab and the timeline see it. */
export type SourceOutcome<T> =
  /** `withheld`: items the source returned that name another patient (or none), never shown. */
  | { kind: "found"; items: T[]; withheld: number; requestId: string; retrievedAt: Date }
  | { kind: "not-permitted" }
  | { kind: "refused"; requestId: string }
  | { kind: "failed"; failure: NhsFailure }
  | { kind: "no-patient" };

type Upstream<T> =
  | { kind: "found"; items: T[]; requestId: string; retrievedAt: Date }
  | { kind: "refused"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

/**
 * Calls one source for the open patient and writes its audit row before the result can be shown.
 * The call starts alongside the page's PDS read, with the NHS number the session opened, so the
 * record's sources do not wait for PDS; the answer is used only once PDS confirms that number.
 */
async function loadAudited<T>(
  ref: string,
  feature: Feature,
  action: AuditAction,
  patientOf: (item: T) => string | null,
  call: (nhsNumber: string, context: ReturnType<typeof callContextFor>) => Promise<Upstream<T>>,
): Promise<SourceOutcome<T>> {
  const opened = await openedPatient(ref);
  if (opened.kind !== "opened") return { kind: "no-patient" };
  const { session, role } = opened;
  if (!canUse(feature, role, session.assurance.authenticationLevel)) return { kind: "not-permitted" };
  // the national services filter by patient, but each item is checked here too: one that names another
  // patient, or none, is withheld and audited as refused, never shown in this patient's record
  const ownItems = async (nhsNumber: string): Promise<SourceOutcome<T>> => {
    const result = await call(nhsNumber, callContextFor(role, session));
    if (result.kind !== "found") return result;
    const items = result.items.filter((item) => patientOf(item) === nhsNumber);
    const withheld = result.items.length - items.length;
    if (withheld)
      logger.warn(
        { event: "items-for-another-patient-withheld", action, requestId: result.requestId, withheld },
        "a source returned items not about the patient asked for",
      );
    return { ...result, items, withheld };
  };
  const callAudited = (nhsNumber: string): Promise<SourceOutcome<T>> =>
    auditedRead(
      { session, role },
      { action, patientNhsNumber: nhsNumber },
      () => ownItems(nhsNumber),
      (result): ReadAuditFacts[] => {
        switch (result.kind) {
          case "found":
            return [
              { upstreamRequestId: result.requestId, outcome: result.items.length ? "data-returned" : "not-found" },
              ...(result.withheld ? [{ upstreamRequestId: result.requestId, outcome: "refused" as const }] : []),
            ];
          case "refused":
            return [{ upstreamRequestId: result.requestId, outcome: "refused" }];
          case "failed":
            return [{ upstreamRequestId: result.failure.requestId, outcome: "upstream-failure" }];
          case "not-permitted":
          case "no-patient":
            return [];
          default: {
            const unhandled: never = result;
            return unhandled;
          }
        }
      },
    );
  return readConfirmedByPds<SourceOutcome<T>>(ref, opened.nhsNumber, callAudited, { kind: "no-patient" });
}

export const loadPrescriptions = cache((ref: string) =>
  loadAudited<PrescriptionSummary>(
    ref,
    "view-prescriptions",
    "prescriptions-view",
    (prescription) => prescription.patientNhsNumber,
    async (nhsNumber, context) => {
      const result = await services().eps.search({ nhsNumber }, context);
      return result.kind === "found" ? { kind: "found", items: result.prescriptions, requestId: result.requestId, retrievedAt: result.retrievedAt } : result;
    },
  ),
);

export const loadVaccinations = cache((ref: string) =>
  loadAudited<Vaccination>(
    ref,
    "view-immunisations",
    "immunisations-view",
    (vaccination) => vaccination.patientNhsNumber,
    async (nhsNumber, context) => {
      const result = await services().immunisation.history(nhsNumber, {}, context);
      if (result.kind !== "found") return result;
      return { kind: "found", items: await withPreferredTerms(result.vaccinations), requestId: result.requestId, retrievedAt: result.retrievedAt };
    },
  ),
);

export const loadDocumentPointers = cache((ref: string) =>
  loadAudited<DocumentPointer>(
    ref,
    "view-documents",
    "documents-view",
    (pointer) => pointer.subjectNhsNumber,
    async (nhsNumber, context) => {
      const result = await services().nrl.pointers(nhsNumber, context);
      switch (result.kind) {
        case "found":
          return { kind: "found", items: result.pointers, requestId: result.requestId, retrievedAt: result.retrievedAt };
        case "not-permitted":
          return { kind: "refused", requestId: result.requestId };
        case "failed":
          return result;
        default: {
          const unhandled: never = result;
          return unhandled;
        }
      }
    },
  ),
);
