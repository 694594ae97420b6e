import "server-only";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { PatientSearchCriteria, PatientSearchOutcome } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

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
      switch (outcome.kind) {
        case "matches":
          return outcome.matches.map(({ patient }) => ({ patientNhsNumber: patient.nhsNumber, upstreamRequestId: outcome.requestId, outcome: "data-returned" }));
        case "no-matches":
        case "too-many":
          return { upstreamRequestId: outcome.requestId, outcome: "not-found" };
        case "rejected":
          return { upstreamRequestId: outcome.requestId, outcome: "refused" };
        case "failed":
          return { upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" };
        default: {
          const unhandled: never = outcome;
          return unhandled;
        }
      }
    },
  );
}
