import "server-only";
import { recordPatientAccess } from "@/lib/audit/record-access";
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
  const outcome = await services().pds.searchPatients(criteria, callContextFor(role, session));
  switch (outcome.kind) {
    case "matches":
      await Promise.all(
        outcome.matches.map(({ patient }) =>
          recordPatientAccess(session, role, { action: "patient-search", patientNhsNumber: patient.nhsNumber, upstreamRequestId: outcome.requestId, outcome: "data-returned" }),
        ),
      );
      break;
    case "no-matches":
    case "too-many":
      await recordPatientAccess(session, role, { action: "patient-search", patientNhsNumber: null, upstreamRequestId: outcome.requestId, outcome: "not-found" });
      break;
    case "rejected":
      await recordPatientAccess(session, role, { action: "patient-search", patientNhsNumber: null, upstreamRequestId: outcome.requestId, outcome: "refused" });
      break;
    case "failed":
      await recordPatientAccess(session, role, { action: "patient-search", patientNhsNumber: null, upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" });
      break;
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
  return outcome;
}
