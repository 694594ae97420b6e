import "server-only";
import { randomUUID } from "node:crypto";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import type { NhsCallContext } from "./client";

/** The NHS headers for calls made on behalf of a user acting in a role; one correlation ID per user action. */
export function callContextFor(role: Cis2Role, session: { id: string }): NhsCallContext {
  return {
    correlationId: randomUUID(),
    sessionId: session.id,
    sessionUrid: role.personRoleId,
    endUserOrganisationOds: role.orgCode,
    ...(role.orgId ? { organisationId: role.orgId } : {}),
    ...(role.roleCode ? { jobRole: role.roleCode } : {}),
  };
}
