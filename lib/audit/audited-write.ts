import "server-only";
import type { AuditAction } from "./audit-trail";
import type { Reader, ReadAuditFacts } from "./audited-read";
import { recordPatientAccess } from "./record-access";

/** What is written, for whom, and under which request ID: fixed before the write goes out. */
export interface WriteAccess {
  action: AuditAction;
  patientNhsNumber: string;
  /** The X-Request-ID the write is sent with, so both rows and the upstream's logs name the same call. */
  upstreamRequestId: string;
  basisOfAccess?: string;
  reason?: string;
}

/**
 * Every write of patient data goes through here: a row saying it is being attempted is durable before the
 * write goes out, and a second row records its outcome. A crash, or an exception, between the two leaves the
 * attempt on record; an exception is recorded as an unknown outcome and passed on.
 */
export async function auditedWrite<R>(
  writer: Reader,
  access: WriteAccess,
  write: () => Promise<R>,
  factsOf: (answer: R) => Omit<ReadAuditFacts, "patientNhsNumber">,
): Promise<R> {
  const row = (facts: Omit<ReadAuditFacts, "patientNhsNumber">) =>
    recordPatientAccess(writer.session, writer.role, { ...access, upstreamRequestId: facts.upstreamRequestId, outcome: facts.outcome });
  await row({ upstreamRequestId: access.upstreamRequestId, outcome: "attempted" });
  let answer: R;
  try {
    answer = await write();
  } catch (error) {
    await row({ upstreamRequestId: access.upstreamRequestId, outcome: "outcome-unknown" });
    throw error;
  }
  await row(factsOf(answer));
  return answer;
}
