import "server-only";
import { randomUUID } from "node:crypto";
import type { Reader } from "@/lib/audit/audited-read";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { JsonPatchOperation, PatientUpdateOutcome } from "@/lib/nhs/pds/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";

/**
 * Sends the contact change to PDS once, with If-Match on the version the user saw, audited before it goes
 * and again with what came back. Never repeated here: an unknown outcome is the caller's to explain.
 */
export function sendContactUpdate(writer: Reader, nhsNumber: string, versionId: string, patches: JsonPatchOperation[]): Promise<PatientUpdateOutcome> {
  const requestId = randomUUID();
  return auditedWrite(
    writer,
    { action: "patient-update", patientNhsNumber: nhsNumber, upstreamRequestId: requestId, reason: "contact details" },
    () => services().pds.updatePatient(nhsNumber, versionId, patches, callContextFor(writer.role, writer.session), requestId),
    (outcome) =>
      outcome.kind === "updated"
        ? { upstreamRequestId: outcome.requestId, outcome: "data-returned" }
        : outcome.kind === "failed"
          ? { upstreamRequestId: outcome.failure.requestId, outcome: "upstream-failure" }
          : { upstreamRequestId: outcome.requestId, outcome: "refused" },
  );
}
