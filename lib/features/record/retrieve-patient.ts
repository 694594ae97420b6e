import "server-only";
import type { AuditAction, AuditOutcome } from "@/lib/audit/audit-trail";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { PatientRetrieveOutcome } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

/** What each answer from PDS is, for the audit (a table, so a new kind of answer must be given one). */
const AUDIT_OUTCOME: Record<Exclude<PatientRetrieveOutcome["kind"], "failed">, AuditOutcome> = {
  found: "data-returned",
  superseded: "data-returned",
  "not-found": "not-found",
  invalidated: "not-found",
  "invalid-nhs-number": "refused",
};

function auditFacts(outcome: PatientRetrieveOutcome): ReadAuditFacts {
  return outcome.kind === "failed"
    ? { upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" }
    : { upstreamRequestId: outcome.requestId, outcome: AUDIT_OUTCOME[outcome.kind] };
}

/**
 * Reads a patient from PDS as the user's acting role and records the access. Resolves only once
 * the audit row is durable, so a caller cannot show patient data that was not audited.
 */
export async function retrievePatientAudited(session: ServerSession, role: Cis2Role, nhsNumber: string, action: AuditAction): Promise<PatientRetrieveOutcome> {
  return auditedRead(
    { session, role },
    { action, patientNhsNumber: nhsNumber },
    () => services().pds.retrievePatient(nhsNumber, callContextFor(role, session)),
    auditFacts,
  );
}
