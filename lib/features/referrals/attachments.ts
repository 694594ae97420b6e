import "server-only";
import { randomUUID } from "node:crypto";
import { auditedRead } from "@/lib/audit/audited-read";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import { openReferral } from "./referrals";

/**
 * A referral's attachment, fetched by the server (which follows e-RS's redirect to its store) and audited
 * under the request ID the user is shown. Unknown when the referral or the attachment is not this patient's.
 */
export async function downloadAttachment(ref: string, referralRef: string, attachmentId: string) {
  const opened = await openReferral(ref, referralRef);
  if (opened.kind !== "found" || !opened.session || !opened.role) return { kind: "unknown" as const };
  const { session, role, referral, businessFunction } = opened;
  const attachment = referral.attachments.find((candidate) => candidate.id === attachmentId);
  if (!attachment) return { kind: "unknown" as const };
  const requestId = randomUUID();
  const file = await auditedRead(
    { session, role },
    { action: "referral-attachment-view", patientNhsNumber: referral.patientNhsNumber },
    () => services().ers.attachment(attachment.id, businessFunction, callContextFor(role, session), requestId),
    (answer) => ({
      upstreamRequestId: requestId,
      outcome:
        answer.kind === "found" ? "data-returned" : answer.kind === "unavailable" ? "not-found" : answer.kind === "too-large" ? "refused" : "upstream-failure",
    }),
  );
  return { kind: "opened" as const, attachment, file, requestId };
}
