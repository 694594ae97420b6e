import "server-only";
import { recordPatientAccess } from "@/lib/audit/record-access";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import * as content from "@/lib/content";
import { formatCis2RoleName } from "@/lib/format";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import type { ScrAccessBasis } from "./session-slice";
import { alertsPrivacyOfficer } from "./scr-access";

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
  const audit = (upstreamRequestId: string | null, outcome: "data-returned" | "upstream-failure") =>
    recordPatientAccess(session, role, {
      action: "scr-access-basis",
      patientNhsNumber: nhsNumber,
      upstreamRequestId,
      outcome,
      basisOfAccess: confirmed.basis,
      reason: confirmed.reason ?? undefined,
    });
  let alertRequestId: string | null = null;
  if (alertsPrivacyOfficer(confirmed.basis)) {
    const alert = await services().scr.sendPrivacyAlert(
      {
        nhsNumber,
        kind: confirmed.basis === "emergency-access" ? "emergency-access" : "self-claimed-relationship",
        reason: confirmed.reason ?? content.scr.basis.options[confirmed.basis].label,
        odsCode: role.orgCode,
        userId: session.user.uid,
        roleName: formatCis2RoleName(role.roleName),
      },
      callContextFor(role, session),
    );
    if (alert.kind === "failed") {
      await audit(alert.failure.requestId, "upstream-failure");
      return { kind: "alert-failed", failure: alert.failure };
    }
    alertRequestId = alert.requestId;
  }
  await audit(alertRequestId, "data-returned");
  await services().sessions.update(session.id, (current) => ({
    ...current,
    scrAccess: { ...current.scrAccess, [nhsNumber]: { basis: confirmed.basis, reason: confirmed.reason, confirmedAt: Date.now(), alertRequestId } },
  }));
  return { kind: "confirmed" };
}
