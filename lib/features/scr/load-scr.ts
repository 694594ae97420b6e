import "server-only";
import { auditedRead, type ReadAuditFacts } from "@/lib/audit/audited-read";
import type { AuditAction } from "@/lib/audit/audit-trail";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { ScrConsent, ScrView } from "@/lib/nhs/scr/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

export type ScrPageOutcome =
  | { kind: "found"; scr: ScrView; consent: ScrConsent | null; requestId: string; retrievedAt: Date }
  | { kind: "no-scr" }
  | { kind: "no-consent" }
  | { kind: "no-results" }
  | { kind: "failed"; failure: NhsFailure };

/**
 * The patient's current SCR: its latest id, then the record. Recorded in the audit trail with
 * the basis of access the user confirmed, before anything is shown.
 */
export async function loadSummaryCareRecord(
  session: ServerSession,
  role: Cis2Role,
  nhsNumber: string,
  action: Extract<AuditAction, "scr-view" | "scr-print">,
): Promise<ScrPageOutcome> {
  const access = session.scrAccess?.[nhsNumber];
  const context = callContextFor(role, session);
  const row = (requestId: string, outcome: ReadAuditFacts["outcome"]): ReadAuditFacts => ({ upstreamRequestId: requestId, outcome });
  const read = async (): Promise<{ page: ScrPageOutcome; audit: ReadAuditFacts }> => {
    // The SCR id seen last in this session is read alongside the check for the latest one, and used
    // only if it is still the latest: a changed record is read again under its new id.
    const knownScrId = session.latestScrIds?.[nhsNumber];
    const [latest, early] = await Promise.all([
      services().scr.latestScrId(nhsNumber, context),
      knownScrId ? services().scr.summaryCareRecord(nhsNumber, knownScrId, context) : null,
    ]);
    switch (latest.kind) {
      case "no-scr":
        return { page: { kind: "no-scr" }, audit: row(latest.requestId, "not-found") };
      case "no-consent":
        return { page: { kind: "no-consent" }, audit: row(latest.requestId, "refused") };
      case "failed":
        return { page: { kind: "failed", failure: latest.failure }, audit: row(latest.failure.requestId, "upstream-failure") };
      case "found":
        break;
      default: {
        const unhandled: never = latest;
        return unhandled;
      }
    }
    const record = knownScrId === latest.scrId && early ? early : await services().scr.summaryCareRecord(nhsNumber, latest.scrId, context);
    if (record.kind === "found" && knownScrId !== latest.scrId) {
      await services().sessions.update(session.id, (current) => ({ ...current, latestScrIds: { ...current.latestScrIds, [nhsNumber]: latest.scrId } }));
    }
    switch (record.kind) {
      case "found":
        // an SCR that names another patient, or none, is never shown in this one's record
        if (record.scr.patientNhsNumber !== nhsNumber) return { page: { kind: "no-results" }, audit: row(record.requestId, "refused") };
        return {
          page: { kind: "found", scr: record.scr, consent: latest.consent, requestId: record.requestId, retrievedAt: record.retrievedAt },
          audit: row(record.requestId, "data-returned"),
        };
      case "no-results":
        return { page: { kind: "no-results" }, audit: row(record.requestId, "not-found") };
      case "no-consent":
        return { page: { kind: "no-consent" }, audit: row(record.requestId, "refused") };
      case "failed":
        return { page: { kind: "failed", failure: record.failure }, audit: row(record.failure.requestId, "upstream-failure") };
      default: {
        const unhandled: never = record;
        return unhandled;
      }
    }
  };
  const checked = await auditedRead(
    { session, role },
    { action, patientNhsNumber: nhsNumber, basisOfAccess: access?.basis, reason: access?.reason ?? undefined },
    read,
    (answer) => answer.audit,
  );
  return checked.page;
}
