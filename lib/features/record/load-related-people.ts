import "server-only";
import { auditedRead, type Reader } from "@/lib/audit/audited-read";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";

/** The patient's related people from PDS, audited before they are shown. */
export function loadRelatedPeople(reader: Reader, nhsNumber: string) {
  return auditedRead(
    reader,
    { action: "patient-related-people-view", patientNhsNumber: nhsNumber },
    () => services().pds.relatedPersons(nhsNumber, callContextFor(reader.role, reader.session)),
    (answer) =>
      answer.kind === "found"
        ? { upstreamRequestId: answer.requestId, outcome: "data-returned" }
        : { upstreamRequestId: answer.failure.requestId, outcome: "upstream-failure" },
  );
}
