import "server-only";
import { randomUUID } from "node:crypto";
import { auditedWrite } from "@/lib/audit/audited-write";
import { recordPatientAccess } from "@/lib/audit/record-access";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import * as content from "@/lib/content";
import { formatCis2RoleName } from "@/lib/format";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import type { ScrAccessBasis } from "./session-slice";
import { alertsPrivacyOfficer, privacyAlertReason } from "./scr-access";

export type ScrAccessConfirmation = { kind: "confirmed" } | { kind: "alert-failed"; failure: NhsFailure };

/**
 * Records why the user is opening this patient's SCR, for this session and role. A claimed relationship
 * or emergency access alerts the Privacy Officer through the SCR API first; if that alert cannot be sent,
 * nothing is recorded as confirmed and the record stays closed.
 */
export async function confirmScrAccess(
  session: ServerSession,
  role: Cis2Role,
  nhsNumber: string,
  confirmed: { basis: ScrAccessBasis; reason: string | null },
): Promise<ScrAccessConfirmation> {
  let alertRequestId: string | null = null;
  if (alertsPrivacyOfficer(confirmed.basis)) {
    const requestId = randomUUID();
    const kind = confirmed.basis === "emergency-access" ? "emergency-access" : "self-claimed-relationship";
    const alert = await auditedWrite(
      { session, role },
      {
        action: "scr-access-basis",
        patientNhsNumber: nhsNumber,
        upstreamRequestId: requestId,
        basisOfAccess: confirmed.basis,
        reason: confirmed.reason ?? undefined,
      },
      () =>
        services().scr.sendPrivacyAlert(
          {
            nhsNumber,
            kind,
            reasonCode: privacyAlertReason(kind, confirmed.reason),
            reason: confirmed.reason ?? content.scr.basis.options[confirmed.basis].label,
            odsCode: role.orgCode,
            userId: session.user.uid,
            roleName: formatCis2RoleName(role.roleName),
          },
          callContextFor(role, session),
          requestId,
        ),
      (answer) =>
        answer.kind === "failed"
          ? { upstreamRequestId: answer.failure.requestId, outcome: "upstream-failure" }
          : { upstreamRequestId: answer.requestId, outcome: "sent" },
    );
    if (alert.kind === "failed") return { kind: "alert-failed", failure: alert.failure };
    alertRequestId = alert.requestId;
  }
  // the basis the user confirmed, on record whether or not it alerted the Privacy Officer
  await recordPatientAccess(session, role, {
    action: "scr-access-basis",
    patientNhsNumber: nhsNumber,
    upstreamRequestId: alertRequestId,
    outcome: "data-returned",
    basisOfAccess: confirmed.basis,
    reason: confirmed.reason ?? undefined,
  });
  await services().sessions.update(session.id, (current) => ({
    ...current,
    scrAccess: { ...current.scrAccess, [nhsNumber]: { basis: confirmed.basis, reason: confirmed.reason, confirmedAt: Date.now(), alertRequestId } },
  }));
  return { kind: "confirmed" };
}
