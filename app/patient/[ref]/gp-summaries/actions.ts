"use server";

import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { GP_SUMMARY_FIELD_LENGTHS } from "@/lib/features/gp-summary/gp-summary-fields";
import { validateGpSummary } from "@/lib/features/gp-summary/gp-summary-form";
import { checkGpSummary, gpSummaryAvailable, saveGpSummaryDraft, sendGpSummary, startGpSummary } from "@/lib/features/gp-summary/gp-summaries";
import { postedForm, readForm, type FieldError, type FormValues } from "@/lib/forms";
import { paths } from "@/lib/routes";

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type GpSummaryFormState =
  | { status: "editing"; values: FormValues; errors: FieldError[] }
  | { status: "message"; values: FormValues; errors: FieldError[]; message: string };

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "").slice(0, 40);

/** The acting user, allowed to send summaries, with a patient opened in this session; anything else goes back to a safe page. */
async function summarisingUser(formData: FormData) {
  const { session, role } = await requireActingRole();
  const patientRef = field(formData, "patientRef");
  if (!REF.test(patientRef) || !session.patientRefs[patientRef]) redirect(paths.findPatient());
  if (!canUse("send-gp-summary", role, session.assurance.authenticationLevel) || !gpSummaryAvailable())
    redirect(paths.recordSection(patientRef, "gp-summaries"));
  return { session, role, patientRef };
}

export async function startGpSummaryAction(posted: unknown): Promise<void> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await summarisingUser(formData);
  const corrects = field(formData, "corrects");
  const summaryRef = await startGpSummary(session, role, patientRef, REF.test(corrects) ? corrects : null);
  redirect(summaryRef ? paths.gpSummary(patientRef, summaryRef) : paths.recordSection(patientRef, "gp-summaries"));
}

export async function saveGpSummaryAction(_previous: GpSummaryFormState, posted: unknown): Promise<GpSummaryFormState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await summarisingUser(formData);
  const summaryRef = field(formData, "summaryRef");
  const values = readForm(formData, GP_SUMMARY_FIELD_LENGTHS);
  const validated = validateGpSummary(values);
  if (validated.kind === "invalid") return { status: "editing", values, errors: validated.errors };
  const saved = await saveGpSummaryDraft(session, role, patientRef, summaryRef, validated.value);
  switch (saved.kind) {
    case "saved":
      redirect(paths.gpSummaryPreview(patientRef, summaryRef));
    case "unknown-summary":
      redirect(paths.recordSection(patientRef, "gp-summaries"));
    case "deceased":
      return { status: "message", values, errors: [], message: content.gpSummary.deceased };
    case "no-gp":
      return { status: "message", values, errors: [], message: content.gpSummary.noGp };
    case "patient-unavailable":
      return { status: "message", values, errors: [], message: content.gpSummary.patientUnavailable };
    default: {
      const unhandled: never = saved;
      return unhandled;
    }
  }
}

/** Sends once; whatever happened, the list shows where the summary now is. */
export async function sendGpSummaryAction(posted: unknown): Promise<void> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await summarisingUser(formData);
  const summaryRef = field(formData, "summaryRef");
  const result = await sendGpSummary(session, role, patientRef, summaryRef);
  redirect(result.kind === "not-ready" ? paths.gpSummary(patientRef, summaryRef) : paths.recordSection(patientRef, "gp-summaries"));
}

export async function checkGpSummaryAction(posted: unknown): Promise<void> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await summarisingUser(formData);
  await checkGpSummary(session, role, patientRef, field(formData, "summaryRef"));
  redirect(paths.recordSection(patientRef, "gp-summaries"));
}
