import "server-only";
import { canUse } from "@/lib/access/policy";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { DocumentContent, DocumentPointer } from "@/lib/nhs/nrl/client";
import { services } from "@/lib/server/services";
import { itemKeyFor } from "../record/item-refs";
import { loadPatientPage } from "../record/load-patient";

export type SharedDocumentOutcome =
  | { kind: "found"; pointer: DocumentPointer; content: DocumentContent; requestId: string }
  | { kind: "unknown" }
  | { kind: "not-permitted" }
  | { kind: "refused"; requestId: string }
  | { kind: "failed"; failure: NhsFailure }
  | {
      kind: "content-problem";
      pointer: DocumentPointer;
      message:
        | { kind: "origin-not-allowed"; origin: string }
        | { kind: "unsupported"; contentType: string }
        | { kind: "too-large"; megabytes: number }
        | { kind: "fetch-failed" };
      requestId: string;
    };

/**
 * One shared document for the open patient: the pointer read again from NRL (so a withdrawn pointer
 * is not followed), checked to be about this patient, its content fetched by the server, and the
 * access audited before anything is returned.
 */
export async function openSharedDocument(ref: string, docRef: string): Promise<SharedDocumentOutcome> {
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded" || (data.outcome.kind !== "found" && data.outcome.kind !== "superseded")) return { kind: "unknown" };
  const { session, role } = data;
  if (!canUse("view-documents", role, session.assurance.authenticationLevel)) return { kind: "not-permitted" };
  const pointerId = itemKeyFor(session, ref, "document", docRef);
  if (!pointerId) return { kind: "unknown" };
  const nhsNumber = data.outcome.patient.nhsNumber;
  const context = callContextFor(role, session);
  type Checked = { page: SharedDocumentOutcome; audit: ReadAuditFacts };
  const row = (requestId: string, outcome: ReadAuditFacts["outcome"]): ReadAuditFacts => ({ upstreamRequestId: requestId, outcome });
  const checked = await auditedRead(
    { session, role },
    { action: "document-view", patientNhsNumber: nhsNumber },
    async (): Promise<Checked> => {
      const found = await services().nrl.pointer(pointerId, context);
      switch (found.kind) {
        case "not-found":
          return { page: { kind: "unknown" }, audit: row(found.requestId, "not-found") };
        case "not-permitted":
          return { page: { kind: "refused", requestId: found.requestId }, audit: row(found.requestId, "refused") };
        case "failed":
          return { page: { kind: "failed", failure: found.failure }, audit: row(found.failure.requestId, "upstream-failure") };
        case "found":
          break;
        default: {
          const unhandled: never = found;
          return unhandled;
        }
      }
      const pointer = found.pointer;
      // a pointer about someone else must never be shown in this patient's record
      if (pointer.subjectNhsNumber !== nhsNumber || pointer.status !== "current")
        return { page: { kind: "unknown" }, audit: row(found.requestId, "not-found") };
      const fetched = await services().nrl.content(pointer, context, found.requestId);
      switch (fetched.kind) {
        case "found":
          return { page: { kind: "found", pointer, content: fetched.content, requestId: found.requestId }, audit: row(found.requestId, "data-returned") };
        case "origin-not-allowed":
          return {
            page: { kind: "content-problem", pointer, message: { kind: "origin-not-allowed", origin: fetched.origin }, requestId: found.requestId },
            audit: row(found.requestId, "refused"),
          };
        case "unsupported":
          return {
            page: { kind: "content-problem", pointer, message: { kind: "unsupported", contentType: fetched.contentType }, requestId: found.requestId },
            audit: row(found.requestId, "upstream-failure"),
          };
        case "too-large":
          return {
            page: {
              kind: "content-problem",
              pointer,
              message: { kind: "too-large", megabytes: Math.round(fetched.limitBytes / (1024 * 1024)) },
              requestId: found.requestId,
            },
            audit: row(found.requestId, "refused"),
          };
        case "failed":
          return {
            page: { kind: "content-problem", pointer, message: { kind: "fetch-failed" }, requestId: found.requestId },
            audit: row(found.requestId, "upstream-failure"),
          };
        default: {
          const unhandled: never = fetched;
          return unhandled;
        }
      }
    },
    (answer) => answer.audit,
  );
  return checked.page;
}
