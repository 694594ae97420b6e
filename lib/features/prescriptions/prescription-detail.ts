import "server-only";
import { canUse } from "@/lib/access/policy";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { PrescriptionDetail, PrescriptionSummary } from "@/lib/nhs/eps/client";
import { services } from "@/lib/server/services";
import { itemKeyFor } from "../record/item-refs";
import { loadPatientPage } from "../record/load-patient";
import { organisationNames, type OrganisationDisplay } from "../record/organisations";

export const prescriptionKey = (prescriptionId: string, issue: number | null) => `${prescriptionId}#${issue ?? ""}`;

export type PrescriptionDetailPageOutcome =
  | { kind: "found"; prescription: PrescriptionDetail; organisations: Map<string, OrganisationDisplay>; requestId: string; retrievedAt: Date }
  | { kind: "unknown" }
  | { kind: "not-permitted" }
  | { kind: "failed"; failure: NhsFailure };

/** One prescription issue for the open patient, checked to be theirs, with every organisation it names looked up in parallel; audited. */
export async function openPrescription(ref: string, rxRef: string): Promise<PrescriptionDetailPageOutcome> {
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded" || (data.outcome.kind !== "found" && data.outcome.kind !== "superseded")) return { kind: "unknown" };
  const { session, role } = data;
  if (!canUse("view-prescriptions", role, session.assurance.authenticationLevel)) return { kind: "not-permitted" };
  const key = itemKeyFor(session, ref, "prescription", rxRef);
  if (!key) return { kind: "unknown" };
  const [prescriptionId, issueText] = key.split("#") as [string, string];
  const nhsNumber = data.outcome.patient.nhsNumber;
  type Checked = { page: PrescriptionDetailPageOutcome; audit: ReadAuditFacts };
  const checked = await auditedRead(
    { session, role },
    { action: "prescription-view", patientNhsNumber: nhsNumber },
    async (): Promise<Checked> => {
      const result = await services().eps.detail(prescriptionId, issueText ? Number(issueText) : null, callContextFor(role, session));
      switch (result.kind) {
        case "not-found":
          return { page: { kind: "unknown" }, audit: { upstreamRequestId: result.requestId, outcome: "not-found" } };
        case "failed":
          return { page: { kind: "failed", failure: result.failure }, audit: { upstreamRequestId: result.failure.requestId, outcome: "upstream-failure" } };
        case "found":
          break;
        default: {
          const unhandled: never = result;
          return unhandled;
        }
      }
      const prescription = result.prescription;
      // a prescription that names a different patient must never be shown in this one's record
      if (prescription.patientNhsNumber !== nhsNumber) {
        return { page: { kind: "unknown" }, audit: { upstreamRequestId: result.requestId, outcome: "not-found" } };
      }
      const organisations = await organisationNames(
        [
          prescription.prescriber.odsCode,
          prescription.dispenserOdsCode,
          prescription.nominatedDispenserOdsCode,
          ...prescription.history.map((entry) => entry.odsCode),
        ],
        role,
        session,
      );
      return {
        page: { kind: "found", prescription, organisations, requestId: result.requestId, retrievedAt: result.retrievedAt },
        audit: { upstreamRequestId: result.requestId, outcome: "data-returned" },
      };
    },
    (answer) => answer.audit,
  );
  return checked.page;
}

export type DispenserLookup = { kind: "dispenser"; odsCode: string } | { kind: "none" } | { kind: "unavailable" };

/**
 * The tracker's list does not say who is dispensing, so each listed issue's detail is read, in
 * parallel and a few at a time; one that fails says so rather than hiding the row.
 */
export async function dispensersFor(
  role: Cis2Role,
  session: { id: string },
  prescriptions: PrescriptionSummary[],
  concurrency = 6,
): Promise<Map<string, DispenserLookup>> {
  const context = callContextFor(role, session);
  const found = new Map<string, DispenserLookup>();
  const queue = [...prescriptions];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await services().eps.detail(next.prescriptionId, next.issue?.number ?? null, context);
      const key = prescriptionKey(next.prescriptionId, next.issue?.number ?? null);
      found.set(
        key,
        result.kind === "found"
          ? result.prescription.dispenserOdsCode
            ? { kind: "dispenser", odsCode: result.prescription.dispenserOdsCode }
            : { kind: "none" }
          : { kind: "unavailable" },
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, prescriptions.length) }, worker));
  return found;
}
