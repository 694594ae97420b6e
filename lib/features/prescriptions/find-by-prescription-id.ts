import "server-only";
import { auditedRead, type Reader } from "@/lib/audit/audited-read";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import { prescriptionKey } from "./prescription-detail";

export type PrescriptionIdLookup = { kind: "found"; nhsNumber: string; itemKey: string } | { kind: "not-found" } | { kind: "failed"; failure: NhsFailure };

/**
 * Who a prescription ID belongs to, from the tracker: the patient and the issue to open (the current one,
 * else the first). Audited under the patient the tracker names, or none when it names no one.
 */
export async function findByPrescriptionId(reader: Reader, prescriptionId: string): Promise<PrescriptionIdLookup> {
  const found = await auditedRead(
    reader,
    { action: "prescriptions-view", patientNhsNumber: null },
    () => services().eps.search({ prescriptionId }, callContextFor(reader.role, reader.session)),
    (answer) =>
      answer.kind === "failed"
        ? { upstreamRequestId: answer.failure.requestId, outcome: "upstream-failure" }
        : {
            upstreamRequestId: answer.requestId,
            patientNhsNumber: answer.patientNhsNumber,
            outcome: currentIssue(answer.prescriptions) && answer.patientNhsNumber ? "data-returned" : "not-found",
          },
  );
  if (found.kind === "failed") return found;
  const issue = currentIssue(found.prescriptions);
  if (!issue || !found.patientNhsNumber) return { kind: "not-found" };
  return { kind: "found", nhsNumber: found.patientNhsNumber, itemKey: prescriptionKey(issue.prescriptionId, issue.issue?.number ?? null) };
}

function currentIssue<T extends { timeframe: string }>(prescriptions: T[]): T | undefined {
  return prescriptions.find((prescription) => prescription.timeframe !== "future") ?? prescriptions[0];
}
