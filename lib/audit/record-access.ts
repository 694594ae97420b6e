import "server-only";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";
import type { AuditAction, AuditOutcome, StoredAuditEntry } from "./audit-trail";

/** Writes the audit row for an access to patient data; resolves only once it is durable. */
export function recordPatientAccess(
  session: ServerSession,
  role: Cis2Role,
  access: {
    action: AuditAction;
    /** null for a search that returned no one. */
    patientNhsNumber: string | null;
    upstreamRequestId: string | null;
    outcome: AuditOutcome;
    basisOfAccess?: string;
    reason?: string;
  },
): Promise<StoredAuditEntry> {
  return services().audit.record({
    occurredAt: new Date().toISOString(),
    userId: session.user.uid,
    userName: session.user.name,
    roleId: role.personRoleId,
    roleName: role.roleName,
    orgCode: role.orgCode,
    action: access.action,
    patientNhsNumber: access.patientNhsNumber,
    basisOfAccess: access.basisOfAccess ?? null,
    reason: access.reason ?? null,
    upstreamRequestId: access.upstreamRequestId,
    outcome: access.outcome,
  });
}
