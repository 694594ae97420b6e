import "server-only";
import { cache } from "react";
import { canUse, type Feature } from "@/lib/access/policy";
import type { AuditAction } from "@/lib/audit/audit-trail";
import { auditedRead } from "@/lib/audit/audited-read";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { PrescriptionSummary } from "@/lib/nhs/eps/client";
import type { Vaccination } from "@/lib/nhs/immunisation/client";
import type { DocumentPointer } from "@/lib/nhs/nrl/client";
import { services } from "@/lib/server/services";
import { openedPatient, readConfirmedByPds } from "./load-patient";

/** One national source's answer for the open patient, as every tab and the timeline see it. */
export type SourceOutcome<T> =
  | { kind: "found"; items: T[]; requestId: string; retrievedAt: Date }
  | { kind: "not-permitted" }
  | { kind: "refused"; requestId: string }
  | { kind: "failed"; failure: NhsFailure }
  | { kind: "no-patient" };

type Upstream<T> = { kind: "found"; items: T[]; requestId: string; retrievedAt: Date } | { kind: "refused"; requestId: string } | { kind: "failed"; failure: NhsFailure };

/**
 * Calls one source for the open patient and writes its audit row before the result can be shown.
 * The call starts alongside the page's PDS read, with the NHS number the session opened, so the
 * record's sources do not wait for PDS; the answer is used only once PDS confirms that number.
 */
async function loadAudited<T>(ref: string, feature: Feature, action: AuditAction, call: (nhsNumber: string, context: ReturnType<typeof callContextFor>) => Promise<Upstream<T>>): Promise<SourceOutcome<T>> {
  const opened = await openedPatient(ref);
  if (opened.kind !== "opened") return { kind: "no-patient" };
  const { session, role } = opened;
  if (!canUse(feature, role, session.assurance.authenticationLevel)) return { kind: "not-permitted" };
  const callAudited = (nhsNumber: string): Promise<SourceOutcome<T>> =>
    auditedRead(
      { session, role },
      { action, patientNhsNumber: nhsNumber },
      () => call(nhsNumber, callContextFor(role, session)),
      (result) =>
        result.kind === "found"
          ? { upstreamRequestId: result.requestId, outcome: result.items.length ? "data-returned" : "not-found" }
          : result.kind === "refused"
            ? { upstreamRequestId: result.requestId, outcome: "refused" }
            : { upstreamRequestId: result.failure.requestId, outcome: "upstream-failure" },
    );
  return readConfirmedByPds<SourceOutcome<T>>(ref, opened.nhsNumber, callAudited, { kind: "no-patient" });
}

export const loadPrescriptions = cache((ref: string) =>
  loadAudited<PrescriptionSummary>(ref, "view-prescriptions", "prescriptions-view", async (nhsNumber, context) => {
    const result = await services().eps.search({ nhsNumber }, context);
    return result.kind === "found" ? { kind: "found", items: result.prescriptions, requestId: result.requestId, retrievedAt: result.retrievedAt } : result;
  }),
);

export const loadVaccinations = cache((ref: string) =>
  loadAudited<Vaccination>(ref, "view-immunisations", "immunisations-view", async (nhsNumber, context) => {
    const result = await services().immunisation.history(nhsNumber, {}, context);
    return result.kind === "found" ? { kind: "found", items: result.vaccinations, requestId: result.requestId, retrievedAt: result.retrievedAt } : result;
  }),
);

export const loadDocumentPointers = cache((ref: string) =>
  loadAudited<DocumentPointer>(ref, "view-documents", "documents-view", async (nhsNumber, context) => {
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
  }),
);
