import "server-only";
import type { AuditAction } from "@/lib/audit/audit-trail";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { PatientRetrieveOutcome } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

function auditFacts(outcome: PatientRetrieveOutcome): ReadAuditFacts {
  switch (outcome.kind) {
    case "found":
    case "superseded":
      return { upstreamRequestId: outcome.requestId, outcome: "data-returned" };
    case "not-found":
    case "invalidated":
      return { upstreamRequestId: outcome.requestId, outcome: "not-found" };
    case "invalid-nhs-number":
      return { upstreamRequestId: outcome.requestId, outcome: "refused" };
    case "failed":
      return { upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" };
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
  return auditedRead({ session, role }, { action, patientNhsNumber: nhsNumber }, () => services().pds.retrievePatient(nhsNumber, callContextFor(role, session)), auditFacts);
}
