"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { describeFailure, type FailureMessage } from "@/lib/features/failure-message";
import { confirmScrAccess } from "@/lib/features/scr/confirm-access";
import { validateAccessBasis } from "@/lib/features/scr/scr-access";
import { postedForm, readForm, type FormState } from "@/lib/forms";
import { paths } from "@/lib/routes";

export type AccessBasisState = FormState<{ basis: string; reason: string; details: string }> & { alertFailure: FailureMessage | null };

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Records why the user is opening this patient's SCR. A claimed relationship or emergency access
 * alerts the Privacy Officer through the SCR API first; if that alert cannot be sent, the record stays closed.
 */
export async function confirmScrAccessAction(_previous: AccessBasisState, posted: unknown): Promise<AccessBasisState> {
  const formData = postedForm(posted);
  const { session, role } = await requireActingRole();
  const ref = String(formData.get("patientRef") ?? "");
  const values = readForm(formData, { basis: 40, reason: 120, details: 400 });
  const opened = REF.test(ref) ? session.patientRefs[ref] : undefined;
  if (!opened) redirect(paths.findPatient());
  if (!canUse("view-scr", role, session.assurance.authenticationLevel)) {
    return { errors: [{ fieldId: "basis-1", message: content.scr.notPermitted }], values, alertFailure: null };
  }
  const validated = validateAccessBasis(values);
  if (validated.kind === "invalid") return { errors: validated.errors, values, alertFailure: null };

  const confirmation = await confirmScrAccess(session, role, opened.nhsNumber, validated);
  if (confirmation.kind === "alert-failed") return { errors: [], values, alertFailure: describeFailure(confirmation.failure) };
  revalidatePath(paths.recordSection(ref, "scr"));
  redirect(paths.recordSection(ref, "scr"));
}
