import "server-only";
import { recordPatientAccess } from "@/lib/audit/record-access";
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
export async function loadSummaryCareRecord(session: ServerSession, role: Cis2Role, nhsNumber: string, action: Extract<AuditAction, "scr-view" | "scr-print">): Promise<ScrPageOutcome> {
  const access = session.scrAccess?.[nhsNumber];
  const context = callContextFor(role, session);
  const audit = (requestId: string | null, outcome: "data-returned" | "not-found" | "refused" | "upstream-failure") =>
    recordPatientAccess(session, role, {
      action,
      patientNhsNumber: nhsNumber,
      upstreamRequestId: requestId,
      outcome,
      basisOfAccess: access?.basis,
      reason: access?.reason ?? undefined,
    });

  // The SCR id seen last in this session is read alongside the check for the latest one, and used
  // only if it is still the latest: a changed record is read again under its new id.
  const knownScrId = session.latestScrIds?.[nhsNumber];
  const [latest, early] = await Promise.all([services().scr.latestScrId(nhsNumber, context), knownScrId ? services().scr.summaryCareRecord(nhsNumber, knownScrId, context) : null]);
  switch (latest.kind) {
    case "no-scr":
      await audit(latest.requestId, "not-found");
      return { kind: "no-scr" };
    case "no-consent":
      await audit(latest.requestId, "refused");
      return { kind: "no-consent" };
    case "failed":
      await audit(latest.failure.requestId, "upstream-failure");
      return { kind: "failed", failure: latest.failure };
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
      await audit(record.requestId, "data-returned");
      return { kind: "found", scr: record.scr, consent: latest.consent, requestId: record.requestId, retrievedAt: record.retrievedAt };
    case "no-results":
      await audit(record.requestId, "not-found");
      return { kind: "no-results" };
    case "no-consent":
      await audit(record.requestId, "refused");
      return { kind: "no-consent" };
    case "failed":
      await audit(record.failure.requestId, "upstream-failure");
      return { kind: "failed", failure: record.failure };
    default: {
      const unhandled: never = record;
      return unhandled;
    }
  }
}
