"use server";

import { forbidden, redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { AUDIT_FILTER_FIELDS, validateAuditFilter } from "@/lib/features/audit-review/filter-form";
import { requireActingRole } from "@/lib/auth/session";
import { postedForm, readForm, type FormState } from "@/lib/forms";
import { updateSession } from "@/lib/features/session/session-state";
import { paths } from "@/lib/routes";

/** Filters are posted and kept in the session: an NHS number typed here never goes into a URL. */
export async function applyAuditFilterAction(_previous: FormState, posted: unknown): Promise<FormState> {
  const formData = postedForm(posted);
  const { session, role } = await requireActingRole();
  if (!canUse("review-audit", role, session.assurance.authenticationLevel)) forbidden();
  const values = readForm(formData, AUDIT_FILTER_FIELDS);
  if (formData.get("intent") === "clear") {
    await updateSession(session.id, (current) => ({ ...current, auditFilter: {} }));
    redirect(paths.audit());
  }
  const validated = validateAuditFilter(values);
  if (validated.kind === "invalid") return { errors: validated.errors, values };
  await updateSession(session.id, (current) => ({ ...current, auditFilter: values }));
  redirect(paths.audit());
}
