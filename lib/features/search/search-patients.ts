import "server-only";
import type { AuditOutcome } from "@/lib/audit/audit-trail";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { PatientSearchCriteria, PatientSearchOutcome } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

/** What a search that named no one is, for the audit. */
const AUDIT_OUTCOME: Record<Exclude<PatientSearchOutcome["kind"], "matches" | "failed">, AuditOutcome> = {
  "no-matches": "not-found",
  "too-many": "not-found",
  rejected: "refused",
};

/**
 * Searches PDS as the acting role. Every patient in the results is an access to their data and is
 * audited, durably, before the results are returned; a search that finds no one is recorded too.
 */
export async function searchPatientsAudited(session: ServerSession, role: Cis2Role, criteria: PatientSearchCriteria): Promise<PatientSearchOutcome> {
  return auditedRead(
    { session, role },
    { action: "patient-search", patientNhsNumber: null },
    () => services().pds.searchPatients(criteria, callContextFor(role, session)),
    (outcome): ReadAuditFacts | ReadAuditFacts[] => {
      if (outcome.kind === "matches") {
        return outcome.matches.map(({ patient }) => ({ patientNhsNumber: patient.nhsNumber, upstreamRequestId: outcome.requestId, outcome: "data-returned" }));
      }
      return outcome.kind === "failed"
        ? { upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" }
        : { upstreamRequestId: outcome.requestId, outcome: AUDIT_OUTCOME[outcome.kind] };
    },
  );
}
