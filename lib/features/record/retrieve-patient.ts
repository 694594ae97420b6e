import "server-only";
import type { AuditAction, AuditOutcome } from "@/lib/audit/audit-trail";
import { recordPatientAccess } from "@/lib/audit/record-access";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { PatientRetrieveOutcome } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

function auditFacts(outcome: PatientRetrieveOutcome): { requestId: string; outcome: AuditOutcome } {
  switch (outcome.kind) {
    case "found":
    case "superseded":
      return { requestId: outcome.requestId, outcome: "data-returned" };
    case "not-found":
    case "invalidated":
      return { requestId: outcome.requestId, outcome: "not-found" };
    case "invalid-nhs-number":
      return { requestId: outcome.requestId, outcome: "refused" };
    case "failed":
      return { requestId: outcome.failure.requestId, outcome: "upstream-failure" };
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}

/**
 * Reads a patient from PDS as the user's acting role and records the access. Resolves only once
 * the audit row is durable, so a caller cannot show patient data that was not audited.
 */
export async function retrievePatientAudited(
  session: ServerSession,
  role: Cis2Role,
  nhsNumber: string,
  action: AuditAction,
): Promise<PatientRetrieveOutcome> {
  const outcome = await services().pds.retrievePatient(nhsNumber, callContextFor(role, session));
  const facts = auditFacts(outcome);
  await recordPatientAccess(session, role, {
    action,
    patientNhsNumber: nhsNumber,
    upstreamRequestId: facts.requestId,
    outcome: facts.outcome,
  });
  return outcome;
}
