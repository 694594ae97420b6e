import "server-only";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { ServerSession } from "@/lib/state/session-store";
import type { AuditAction, AuditOutcome } from "./audit-trail";
import { recordPatientAccess } from "./record-access";

/** Who is reading: the signed-in user in the role they are acting in. */
export interface Reader {
  session: ServerSession;
  role: Cis2Role;
}

/** What is read and on what basis; the patient may be known only from the answer (a search by prescription ID). */
export interface ReadAccess {
  action: AuditAction;
  patientNhsNumber: string | null;
  basisOfAccess?: string;
  reason?: string;
}

/** What the answer says for the audit: the upstream's request ID, the outcome, and the patient if the answer names them. */
export interface ReadAuditFacts {
  upstreamRequestId: string | null;
  outcome: AuditOutcome;
  patientNhsNumber?: string | null;
}

/**
 * Every read of patient data goes through here: the read is made, its audit row written, and the answer
 * handed back only once that row is durable. A page can therefore never show data that is not audited.
 * A read that returns several patients (a search) gives one row per patient; a read whose answer is
 * checked further before anything is shown is wrapped whole, so the row says what the user was shown.
 */
export async function auditedRead<R>(
  reader: Reader,
  access: ReadAccess,
  read: () => Promise<R>,
  factsOf: (answer: R) => ReadAuditFacts | ReadAuditFacts[],
): Promise<R> {
  const answer = await read();
  const facts = factsOf(answer);
  await Promise.all(
    (Array.isArray(facts) ? facts : [facts]).map((row) =>
      recordPatientAccess(reader.session, reader.role, {
        action: access.action,
        patientNhsNumber: row.patientNhsNumber === undefined ? access.patientNhsNumber : row.patientNhsNumber,
        upstreamRequestId: row.upstreamRequestId,
        outcome: row.outcome,
        basisOfAccess: access.basisOfAccess,
        reason: access.reason,
      }),
    ),
  );
  return answer;
}
