import "server-only";
import { recordPatientAccess } from "@/lib/audit/record-access";
import type { Reader } from "@/lib/audit/audited-read";
import type { AuditOutcome } from "@/lib/audit/audit-trail";
import type { JsonPatchOperation, PatientUpdateOutcome } from "@/lib/nhs/pds/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";

/**
 * Sends the contact change to PDS once, with If-Match on the version the user saw, and audits what
 * came back. Never repeated here: an unknown outcome is the caller's to explain, not to resend.
 */
export async function sendContactUpdate(reader: Reader, nhsNumber: string, versionId: string, patches: JsonPatchOperation[]): Promise<PatientUpdateOutcome> {
  const outcome = await services().pds.updatePatient(nhsNumber, versionId, patches, callContextFor(reader.role, reader.session));
  const [upstreamRequestId, result]: [string, AuditOutcome] =
    outcome.kind === "updated" ? [outcome.requestId, "data-returned"] : outcome.kind === "failed" ? [outcome.failure.requestId, "upstream-failure"] : [outcome.requestId, "refused"];
  await recordPatientAccess(reader.session, reader.role, { action: "patient-update", patientNhsNumber: nhsNumber, upstreamRequestId, outcome: result, reason: "contact details" });
  return outcome;
}
